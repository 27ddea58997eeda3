import { compileContracts } from '../../lib/contracts/compile';

const force = process.argv.includes('--force');
const started = Date.now();
const result = await compileContracts({ force });
console.log(
  `${result.cached ? 'Up to date' : 'Compiled'} with solc ${result.compilerVersion} ` +
    `(sources ${result.sourcesHash.slice(0, 18)}..., ${Date.now() - started} ms): ${Object.keys(result.artifacts).join(', ')}`,
);
