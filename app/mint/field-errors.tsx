'use client';

import { useId } from 'react';
import type { FieldError } from '../../lib/mint/split';

export type FieldErrors = {
  errorFor(field: string): string | undefined;
  /** `aria-describedby` for an input: its error's id when it has one. */
  describedBy(field: string): string | undefined;
  /** The error paragraph an input's `aria-describedby` points at (or nothing). */
  show(field: string): React.ReactNode;
};

/** Field errors shown next to their inputs and linked to them for screen readers. */
export function useFieldErrors(errors: readonly FieldError[]): FieldErrors {
  const ids = useId();
  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;
  const idOf = (field: string) => `${ids}-${field.replace(/\./g, '-')}`;
  return {
    errorFor,
    describedBy: (field) => (errorFor(field) ? idOf(field) : undefined),
    show(field) {
      const m = errorFor(field);
      return m ? (
        <p className="field-error" id={idOf(field)}>
          {m}
        </p>
      ) : null;
    },
  };
}
