export * from './theory';
export * from './progressions';
export * from './drums';
export * from './instruments';
export * from './types';
export * from './arrange';
export * from './meter';
