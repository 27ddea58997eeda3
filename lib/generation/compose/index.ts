export * from './request';
export * from './compose';
export * from './sample';
export * from './protocol';
