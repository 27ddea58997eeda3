export * from './prng';
export * from './generate';
export {
  musicRnnInternals,
  ModelInternalsError,
  type MusicRnnInternals,
  type LstmCell,
  type ChordEncoderLike,
} from './musicrnn-internals';
export { encodeProgression, stepControls, type StepControls } from './step-controls';
