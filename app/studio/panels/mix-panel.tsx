'use client';
/**
 * The mix of the General MIDI render: per track a GM preset, volume, pan and reverb send (native selects and sliders,
 * labelled, reachable by Tab and the arrow keys). The mix goes into the manifest with the render.
 */
import { GM_PRESETS, presetsFor, type SfMix, type TrackMix } from '../../../lib/generation/render/sf/gm';
import { TRACK_LABEL } from './tracks-table';

export type MixPanelProps = { mix: SfMix; onChange(mix: SfMix): void; disabled: boolean };

const panText = (pan: number): string => (pan === 64 ? 'centre' : pan < 64 ? `${64 - pan} left` : `${pan - 64} right`);

export function MixPanel({ mix, onChange, disabled }: MixPanelProps) {
  const set = (i: number, patch: Partial<TrackMix>) =>
    onChange({ ...mix, tracks: mix.tracks.map((t, k) => (k === i ? { ...t, ...patch } : t)) });
  return (
    <fieldset className="mix" disabled={disabled}>
      <legend>Instruments and mix (General MIDI SoundFont)</legend>
      {mix.tracks.map((t, i) => {
        const name = TRACK_LABEL[t.track];
        return (
          <div className="row" key={t.track} role="group" aria-label={`${name} mix`}>
            <label>
              {name} GM instrument
              <select
                aria-label={`${name} GM instrument`}
                value={t.preset}
                onChange={(e) => {
                  const preset = presetsFor(t.track).find((p) => p === e.target.value);
                  if (preset) set(i, { preset });
                }}
              >
                {presetsFor(t.track).map((p) => (
                  <option key={p} value={p}>
                    {GM_PRESETS[p].label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {name} volume
              <input
                aria-label={`${name} volume`}
                type="range"
                min={0}
                max={127}
                value={t.volume}
                aria-valuetext={`${t.volume} of 127`}
                onChange={(e) => set(i, { volume: Number(e.target.value) })}
              />
            </label>
            <label>
              {name} pan
              <input
                aria-label={`${name} pan`}
                type="range"
                min={0}
                max={127}
                value={t.pan}
                aria-valuetext={panText(t.pan)}
                onChange={(e) => set(i, { pan: Number(e.target.value) })}
              />
            </label>
            <label>
              {name} reverb
              <input
                aria-label={`${name} reverb`}
                type="range"
                min={0}
                max={127}
                value={t.reverb}
                aria-valuetext={`${t.reverb} of 127`}
                onChange={(e) => set(i, { reverb: Number(e.target.value) })}
              />
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}
