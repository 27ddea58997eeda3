import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DURATIONS_FILE, durationsFromReport, longestFirst, readDurations } from './longest-first';

describe('longestFirst', () => {
  const id = (f: string) => f;

  it('puts the longest recorded files first and files never recorded before them all', () => {
    const seconds = { 'a.ts': 10, 'b.ts': 120, 'c.ts': 45 };
    expect(longestFirst(['a.ts', 'b.ts', 'new.ts', 'c.ts'], id, seconds)).toEqual(['new.ts', 'b.ts', 'c.ts', 'a.ts']);
  });

  it('keeps the given order among equals (ties and unrecorded files)', () => {
    expect(longestFirst(['x.ts', 'y.ts', 'a.ts', 'b.ts'], id, { 'a.ts': 5, 'b.ts': 5 })).toEqual([
      'x.ts',
      'y.ts',
      'a.ts',
      'b.ts',
    ]);
  });
});

describe('durationsFromReport', () => {
  it("reads each file's duration from vitest's JSON report, in seconds by path from the root", () => {
    const report = {
      numPassedTests: 2,
      testResults: [
        { name: '/repo/test/e2e/b.e2e.test.ts', startTime: 1_000, endTime: 119_360, status: 'passed' },
        { name: '/repo/test/e2e/a.e2e.test.ts', startTime: 5_000, endTime: 31_440, status: 'passed' },
      ],
    };
    const durations = durationsFromReport(report, '/repo');
    expect(durations).toEqual({ 'test/e2e/a.e2e.test.ts': 26.4, 'test/e2e/b.e2e.test.ts': 118.4 });
    expect(Object.keys(durations)).toEqual(['test/e2e/a.e2e.test.ts', 'test/e2e/b.e2e.test.ts']);
  });

  it('refuses a report without per-file times', () => {
    expect(() => durationsFromReport({ testResults: [{ name: 'x' }] }, '/repo')).toThrow();
  });
});

describe('readDurations', () => {
  it('reads the recorded file, and gives none when it is missing or malformed', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'motif-durations-'));
    try {
      expect(readDurations(root)).toEqual({});
      mkdirSync(path.join(root, path.dirname(DURATIONS_FILE)), { recursive: true });
      writeFileSync(path.join(root, DURATIONS_FILE), '{"test/e2e/a.e2e.test.ts": 12.5}');
      expect(readDurations(root)).toEqual({ 'test/e2e/a.e2e.test.ts': 12.5 });
      writeFileSync(path.join(root, DURATIONS_FILE), '{"test/e2e/a.e2e.test.ts": "slow"}');
      expect(readDurations(root)).toEqual({});
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
