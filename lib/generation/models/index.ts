// Browser-safe exports. Node-only: ./node-loader and ./node-adapters (load a checkpoint folder), ./checkpoint-files
// (CID of a folder). The browser adapters (./browser-adapters) load Magenta lazily; import them where a model loads.
export * from './registry';
export * from './adapter';
