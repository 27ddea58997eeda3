// Browser-safe exports. Node-only helpers: ./node-loader (load a checkpoint folder), ./checkpoint-files (CID of a folder).
export * from './registry';
