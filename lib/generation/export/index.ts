export * from './wav';
export * from './wav-decode';
export * from './midi';
