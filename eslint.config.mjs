// ESLint (flat config): Next's core-web-vitals rules (React, hooks, accessibility, Next) plus typescript-eslint's
// recommended rules, over every TypeScript and JavaScript file we write. `npm run lint`; a `.ci/run` step.
import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  {
    // Generated or installed code, build output and data: not ours to lint.
    ignores: [
      '**/node_modules/**',
      '.next/**',
      '.motif/**',
      '.motif-test/**',
      '.scratch/**',
      'coverage/**',
      'test-results/**',
      'tmp/**',
      'next-env.d.ts',
      'lib/db/generated/**', // prisma generate
      'lib/contracts/abi/**', // lib/contracts/compile.ts (or @wagmi/cli) from contracts/
      'lib/contracts/generated/**',
      'wagmi.config.bundled_*', // @wagmi/cli's bundle of its config, there only while it runs (compile.test)
      'contracts/out/**',
      'contracts/cache/**',
      'contracts/lib/**',
      'public/**', // bundled third-party workers and the model files served as they are
      'training/**/*.py',
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      // The project's rule is "no `any`": an error, not Next's warning.
      '@typescript-eslint/no-explicit-any': 'error',
      // `_`-prefixed names are the convention for a deliberately unused argument or destructured rest.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-unused-expressions': 'error',
      // eslint-plugin-react-hooks 7 adds the React Compiler's diagnostics to Next's set. The app is not built with the
      // React Compiler (next.config.ts does not enable it), and what they report are patterns the compiler could not
      // optimise, not bugs: state set in an effect that syncs from the wallet, IndexedDB or a worker, Date.now() as
      // "now" while rendering, the latest-callback ref. About 17 sites in pages that are being redesigned; rewriting
      // them is page work. They also took half of lint's time. The classic hooks rules stay on.
      ...Object.fromEntries(
        [
          'static-components',
          'use-memo',
          'preserve-manual-memoization',
          'incompatible-library',
          'immutability',
          'globals',
          'refs',
          'set-state-in-effect',
          'error-boundaries',
          'purity',
          'set-state-in-render',
          'unsupported-syntax',
          'config',
          'gating',
        ].map((rule) => [`react-hooks/${rule}`, 'off']),
      ),
    },
  },
  {
    // Node-only code (tests, scripts, benchmarks, the server's start-up) never renders a page: Next's page rules
    // (e.g. no-html-link-for-pages, which needs a pages/ folder) do not apply there.
    files: ['scripts/**', 'bench/**', 'test/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
];

export default config;
