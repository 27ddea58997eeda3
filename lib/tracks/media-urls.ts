/**
 * Where pages and the player bar read a track's media (app/media/[cid]/[kind]/route.ts, lib/tracks/folder-media.ts):
 * the streaming copy when the folder has one (else audio.wav) and the uploaded cover (else the generated cover.svg).
 * The lossless original stays at `/ipfs/<folder>/audio.wav` (the download).
 */
export const streamUrl = (folderCid: string) => `/media/${folderCid}/stream`;
export const coverUrl = (folderCid: string) => `/media/${folderCid}/cover`;
