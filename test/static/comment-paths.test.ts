import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commentPaths, comments, pathExists, pathsIn } from './comment-paths';

describe('file paths named in comments', () => {
  it('every path a comment names exists (repository root, or a folder above the commenting file)', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const named = commentPaths('.', files);
    expect(named.length).toBeGreaterThan(100); // the scan does find the project's many path references
    const missing = named
      .filter((p) => !pathExists('.', p.file, p.path))
      .map((p) => `${p.file}:${p.line} names ${p.path}`);
    expect(missing).toEqual([]);
  });

  it('finds paths in comments only, not in strings or globs, and tells files from prose', () => {
    const text = [
      "const ignores = ['lib/**/*.ts', '**/node_modules/**']; // see lib/a/b.ts",
      '/** Reads docs/provenance/SPEC.md ("Procedures") and `lib/ipfs/` but not test/automation or ipfs/${cid} */',
      "const url = 'http://x/lib/not/a/comment.ts';",
      '<div>{/* app/studio/page.tsx */}</div>;',
    ].join('\n');
    const found = comments('x.tsx', text).flatMap((c) => pathsIn(c.text));
    expect(found).toEqual(['lib/a/b.ts', 'docs/provenance/SPEC.md', 'lib/ipfs', 'app/studio/page.tsx']);
    expect(
      comments('x.sh', '#!/bin/bash\n# runs scripts/test.ts\necho "#not scripts/x.sh"').flatMap((c) => pathsIn(c.text)),
    ).toEqual(['scripts/test.ts']);
  });

  it('resolves module specifiers and paths written from a folder above the file', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'motif-comment-paths-'));
    try {
      mkdirSync(path.join(root, 'contracts/test/mocks'), { recursive: true });
      mkdirSync(path.join(root, 'lib/chain'), { recursive: true });
      writeFileSync(path.join(root, 'contracts/test/mocks/Old.sol'), '');
      writeFileSync(path.join(root, 'lib/chain/anvil.ts'), '');
      expect(pathExists(root, 'contracts/test/Attack.t.sol', 'test/mocks/Old.sol')).toBe(true);
      expect(pathExists(root, 'app/page.tsx', 'lib/chain/anvil')).toBe(true);
      expect(pathExists(root, 'app/page.tsx', 'lib/chain/fees')).toBe(false);
      expect(pathExists(root, 'app/page.tsx', 'test/mocks/Old.sol')).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
