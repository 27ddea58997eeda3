export * from './melody';
export * from './digest';
export * from './chords';
