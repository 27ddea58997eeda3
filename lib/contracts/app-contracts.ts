/**
 * Contracts the app deploys; @wagmi/cli generates their typed ABIs into lib/contracts/abi/ (wagmi.config.ts).
 * MotifTestUSD is the local chain's worthless 6-decimal test stablecoin (contracts/testnet/), deployed on anvil only.
 */
export const APP_CONTRACTS = ['TrackCollection', 'SplitMain', 'Market', 'Editions', 'MotifTestUSD'] as const;
