export * from './schema';
export * from './apply';
export * from './history';
