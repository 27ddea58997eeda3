export { compileContracts, loadArtifact, APP_CONTRACTS, type Artifact, type CompileResult, type ContractName } from './compile';
export { deployContracts, type DeployContractsParameters } from './deploy';
export { readDeployment, writeDeployment, deploymentSchema, type Deployment, type DeployedContract } from './deployment';
export { voucherTypes, voucherDomain, LICENCES, MAX_ROYALTY_BPS, SPLIT_PERCENTAGE_SCALE, tokenIdFromContent, type Voucher, type LicenceName } from './voucher';
export { trackCollectionAbi, splitMainAbi, marketAbi } from './abi';
