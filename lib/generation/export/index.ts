export * from './wav';
export * from './wav-decode';
export * from './midi';
export * from './wav-header';
export * from './cover';
