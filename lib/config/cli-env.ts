import { existsSync } from 'node:fs';
import { ConfigError, parseEnv, type Env } from './env';

/**
 * The validated environment for a command-line entry point (`npm start`, `npm run contracts:deploy`): settings from
 * `.env` (variables already set in the shell win), then one message per wrong variable and exit code 2 on error.
 */
export function loadCliEnv(): Env {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return parseEnv();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(2);
  }
}
