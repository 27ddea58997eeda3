import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['lib', 'app', 'scripts', 'bench'];
const SKIP = new Set(['node_modules', 'generated', '.next']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('error classes', () => {
  it('extend lib/errors BaseError (shortMessage, details, cause, walk), never Error directly', () => {
    const direct = ROOTS.flatMap(sources)
      .filter((file) => file !== path.join('lib', 'errors', 'base.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            /\bclass\s+\w+(\s*<[^>]*>)?\s+extends\s+(Error|TypeError|RangeError)\b/.test(line)
              ? [`${file}:${i + 1}`]
              : [],
          ),
      );
    expect(direct).toEqual([]);
  });
});
