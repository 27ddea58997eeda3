/** The MusicVAE family's name: what its checkpoints' config.json `type` says and what manifests record. */
export const MUSIC_VAE_FAMILY = 'MusicVAE';
