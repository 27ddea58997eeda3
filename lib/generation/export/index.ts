export * from './wav';
export * from './midi';
