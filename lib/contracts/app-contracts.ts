/** Contracts the app deploys; @wagmi/cli generates their typed ABIs into lib/contracts/abi/ (wagmi.config.ts). */
export const APP_CONTRACTS = ['TrackCollection', 'SplitMain', 'Market', 'Editions'] as const;
