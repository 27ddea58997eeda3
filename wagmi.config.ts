// @wagmi/cli (`npm run contracts:compile` runs `wagmi generate` after the solc-js build): the typed ABIs of the app's
// contracts, generated from the build's artifacts (contracts/out/<Name>.json, written by lib/contracts/compile.ts
// with foundry.toml's compiler settings) into lib/contracts/abi/index.ts, committed. lib/contracts/compile.test.ts
// compiles afresh, generates again and fails if the committed file differs.
import { defineConfig } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';
import { APP_CONTRACTS } from './lib/contracts/app-contracts';

export default defineConfig({
  // The test generates into a temporary file to compare it with the committed one.
  out: process.env.MOTIF_WAGMI_OUT ?? 'lib/contracts/abi/index.ts',
  plugins: [
    foundry({
      artifacts: 'contracts/out',
      include: APP_CONTRACTS.map((name) => `${name}.json`),
      // forge's own build (foundry.toml's `out`, a folder under this one) holds the same names: not the app's build.
      exclude: ['forge/**'],
      // The artifacts come from the solc-js build; forge is neither run nor watched.
      forge: { build: false, rebuild: false },
    }),
  ],
});
