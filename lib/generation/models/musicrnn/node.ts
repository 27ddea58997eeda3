/** Node half of the MusicRNN adapter: Magenta's node build over a throw-away static server (../node-loader.ts). */
import { MUSIC_RNN_FAMILY } from './family';
import type { NodeModelAdapter } from '../adapter';
import { loadMusicRnnFromFolder } from '../node-loader';
import { musicRnnModel } from './model';

export const musicRnnNode: NodeModelAdapter = {
  family: MUSIC_RNN_FAMILY,
  loadFolder: async (folder) => musicRnnModel(await loadMusicRnnFromFolder(folder)),
};
