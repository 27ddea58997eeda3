// Browser-safe exports. Node-only: ./corpus (reads ../shared/datasets).
export * from './ngram';
export * from './stats';
export * from './neural-nll';
