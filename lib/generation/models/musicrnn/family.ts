/** The MusicRNN family's name: what its checkpoints' config.json `type` says and what manifests record. */
export const MUSIC_RNN_FAMILY = 'MusicRNN';
