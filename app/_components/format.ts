export { amountLabel, currencyOf, formatAmount, type Currency } from '../../lib/format/amount';
