import { describe, expect, it } from 'vitest';
import { undoShortcut } from './shortcuts';

const k = (
  key: string,
  o: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; targetTag: string | null }> = {},
) => undoShortcut({ key, ctrlKey: true, metaKey: false, shiftKey: false, targetTag: 'BODY', ...o });

describe('undo shortcuts', () => {
  it('Ctrl/Cmd+Z undoes; Shift+Z and Y redo', () => {
    expect(k('z')).toBe('undo');
    expect(k('Z', { shiftKey: true })).toBe('redo');
    expect(k('y')).toBe('redo');
    expect(k('z', { ctrlKey: false, metaKey: true })).toBe('undo');
    expect(k('z', { targetTag: null })).toBe('undo');
  });

  it('ignores plain keys, other letters and text fields (their own undo wins)', () => {
    expect(k('z', { ctrlKey: false })).toBeNull();
    expect(k('x')).toBeNull();
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(k('z', { targetTag: tag })).toBeNull();
  });
});
