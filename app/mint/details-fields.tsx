'use client';

import { LICENCES } from '../../lib/contracts/licences';
import { GENRES, type MintDetails } from '../../lib/mint/draft';
import { CreditFields } from './credit-fields';
import type { FieldErrors } from './field-errors';

export type DetailsFieldsProps = {
  details: MintDetails;
  change(f: (d: MintDetails) => MintDetails): void;
  errors: FieldErrors;
  creator: string | undefined;
  disabled: boolean;
};

/** Title, description, genre, credits, and the licence. */
export function DetailsFields({ details: d, change, errors, creator, disabled }: DetailsFieldsProps) {
  return (
    <>
      <fieldset disabled={disabled}>
        <legend>Details</legend>
        <label>
          Title
          <input
            name="title"
            value={d.title}
            required
            maxLength={200}
            aria-invalid={!!errors.errorFor('title')}
            aria-describedby={errors.describedBy('title')}
            onChange={(e) => change((x) => ({ ...x, title: e.target.value }))}
          />
        </label>
        {errors.show('title')}
        <label>
          Description
          <textarea
            name="description"
            value={d.description}
            maxLength={5000}
            rows={3}
            onChange={(e) => change((x) => ({ ...x, description: e.target.value }))}
          />
        </label>
        <label>
          Genre
          <select
            name="genre"
            value={d.genre}
            onChange={(e) => change((x) => ({ ...x, genre: e.target.value as MintDetails['genre'] }))}
          >
            {GENRES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <CreditFields details={d} change={change} errorFor={errors.errorFor} creator={creator} />
      </fieldset>

      <fieldset disabled={disabled}>
        <legend>Licence</legend>
        <label>
          Licence
          <select
            name="licence"
            value={d.licence}
            onChange={(e) => change((x) => ({ ...x, licence: e.target.value as MintDetails['licence'] }))}
          >
            {LICENCES.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </>
  );
}
