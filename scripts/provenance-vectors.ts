/**
 * `npm run provenance:vectors`: writes the Motif Provenance test vectors to docs/provenance/vectors/ (see
 * scripts/provenance-vectors/build.ts). test/provenance/vectors.test.ts checks the committed files equal a fresh run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildVectors, shippedModels, vectorText, VECTORS_DIR } from './provenance-vectors/build';

async function main(): Promise<void> {
  const models = shippedModels();
  try {
    const files = await buildVectors(models);
    const dir = path.join(process.cwd(), VECTORS_DIR);
    mkdirSync(dir, { recursive: true });
    for (const [name, vectors] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), vectorText(vectors));
      console.log(`${path.join(VECTORS_DIR, name)}: ${vectors.cases.length} cases`);
    }
  } finally {
    models.dispose();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
