'use client';

import { useEffect, useRef } from 'react';

/**
 * Keeps keyboard focus in a list when one of its rows is removed (issue #16: focus never drops to the body after a
 * delete). Give the list's container `ref`, mark each row's remove button `data-remove` and the control to fall back
 * to (e.g. "Add") `data-after-remove`, and call `removing(i)` as row i is removed: after the next render focus moves
 * to the remove button now at i (the next row), else the last one, else the fallback.
 */
export function useFocusAfterRemove<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  const pending = useRef<number | null>(null);
  useEffect(() => {
    const i = pending.current;
    const root = ref.current;
    if (i === null || !root) return;
    pending.current = null;
    const buttons = Array.from(root.querySelectorAll<HTMLButtonElement>('button[data-remove]:not(:disabled)'));
    const target = buttons[Math.min(i, buttons.length - 1)] ?? root.querySelector<HTMLElement>('[data-after-remove]');
    target?.focus();
  });
  return {
    ref,
    removing(i: number) {
      pending.current = i;
    },
  };
}
