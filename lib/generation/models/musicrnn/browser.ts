/**
 * Browser (worker) half of the MusicRNN adapter: Magenta's esm build on tfjs' cpu backend (the backend replays are
 * made on). Both load lazily, so nothing of them is in the studio's first load.
 */
import { MUSIC_RNN_FAMILY } from './family';
import type { BrowserModelAdapter } from '../adapter';
import { musicRnnModel, type MusicRnnLike } from './model';

export const musicRnnBrowser: BrowserModelAdapter = {
  family: MUSIC_RNN_FAMILY,
  async load(url) {
    const [tf, magenta] = await Promise.all([import('@tensorflow/tfjs'), import('@magenta/music/esm/music_rnn')]);
    await tf.setBackend('cpu');
    await tf.ready();
    const instance: MusicRnnLike = new magenta.MusicRNN(url);
    try {
      await instance.initialize();
    } catch (e) {
      instance.dispose();
      throw e;
    }
    return { model: musicRnnModel(instance), backend: tf.getBackend() };
  },
};
