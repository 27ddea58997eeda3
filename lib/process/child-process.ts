import { spawn, type ChildProcess } from 'node:child_process';
import { BaseError } from '../errors/base';

export type ProcessExit = { code: number | null; signal: NodeJS.Signals | null };

/** A long-running child process started by the platform, with the line that announced it ready. */
export type ManagedProcess = {
  readonly child: ChildProcess;
  readonly readyLine: string;
  /** Settles when the process exits, however it ends (for a supervisor to notice a death). */
  readonly exited: Promise<ProcessExit>;
  /** Stops the process (SIGTERM, then SIGKILL after `graceMs`) and resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
};

export type StartProcessParameters = {
  command: string;
  args: readonly string[];
  /** Resolves `true` on the output line that means the process is ready. */
  isReady: (line: string) => boolean;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Receives every output line (stdout and stderr), e.g. for a log file. */
  onLine?: (line: string) => void;
  /** Aborting it before the process is ready stops the process and rejects with the abort reason. */
  signal?: AbortSignal;
};

export class ProcessStartError extends BaseError {
  override name = 'ProcessStartError';
  constructor(
    message: string,
    readonly output: string,
  ) {
    super(message);
  }
}

/** Spawns a binary directly (never through a shell or `npm exec`, so its PID is the process to kill). */
export function startProcess(params: StartProcessParameters): Promise<ManagedProcess> {
  const { command, args, isReady, timeoutMs = 30_000 } = params;
  const child = spawn(command, [...args], {
    cwd: params.cwd,
    env: params.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exited = false;
  const exitPromise = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
  });

  const stop = async (graceMs = 5_000) => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, graceMs);
    await exitPromise;
    clearTimeout(timer);
  };

  return new Promise<ManagedProcess>((resolve, reject) => {
    let settled = false;
    const giveUp = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      params.signal?.removeEventListener('abort', onAbort);
      void stop(0);
      reject(error);
    };
    const fail = (message: string) => giveUp(new ProcessStartError(`${message}\n${output.slice(-4000)}`, output));
    const onAbort = () => giveUp(params.signal?.reason);
    const timer = setTimeout(() => fail(`${command} was not ready after ${timeoutMs} ms`), timeoutMs);
    if (params.signal?.aborted) onAbort();
    else params.signal?.addEventListener('abort', onAbort, { once: true });
    const onData = (buffer: string) => {
      let pending = buffer;
      return (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          output += line + '\n';
          if (output.length > 64_000) output = output.slice(-32_000);
          params.onLine?.(line);
          if (!settled && isReady(line)) {
            settled = true;
            clearTimeout(timer);
            params.signal?.removeEventListener('abort', onAbort);
            resolve({ child, readyLine: line, exited: exitPromise, stop });
          }
        }
      };
    };
    child.stdout?.on('data', onData(''));
    child.stderr?.on('data', onData(''));
    child.once('error', (error) => fail(`${command} could not start: ${error.message}`));
    child.once('exit', (code, signal) =>
      fail(`${command} exited (code ${code}, signal ${signal}) before it was ready`),
    );
  });
}
