export { amountLabel, formatAmount, type Currency } from '../../lib/format/amount';
