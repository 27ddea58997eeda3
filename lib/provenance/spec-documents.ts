/**
 * Node-only: the published provenance documents (docs/provenance/*.md) and test vectors
 * (docs/provenance/vectors/*.json), read from the repository for the app's /spec/provenance routes. Names are
 * checked against a strict pattern and against the folder's own listing, so a request can never reach another file.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BaseError } from '../errors/base';

export const SPEC_DIR = path.join('docs', 'provenance');
export const SPEC_VECTORS_DIR = path.join(SPEC_DIR, 'vectors');
/** Where the app serves them. */
export const SPEC_URL = '/spec/provenance';

const DOCUMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.md$/;
const VECTOR_NAME = /^[a-z0-9][a-z0-9-]{0,63}\.json$/;

/** The document or vector does not exist (or its name is not one we serve). */
export class SpecDocumentNotFoundError extends BaseError {
  override name = 'SpecDocumentNotFoundError';
}

async function listing(dir: string, pattern: RegExp, root: string): Promise<string[]> {
  try {
    const entries = await readdir(path.join(root, dir), { withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && pattern.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

/** Markdown documents in docs/provenance (SPEC.md, metadata.md, c2pa.md...). */
export function listSpecDocuments(root = process.cwd()): Promise<string[]> {
  return listing(SPEC_DIR, DOCUMENT_NAME, root);
}

/** Vector files in docs/provenance/vectors. */
export function listSpecVectors(root = process.cwd()): Promise<string[]> {
  return listing(SPEC_VECTORS_DIR, VECTOR_NAME, root);
}

async function readListed(
  name: string,
  dir: string,
  list: (root: string) => Promise<string[]>,
  root: string,
): Promise<string> {
  if (!(await list(root)).includes(name)) throw new SpecDocumentNotFoundError(`no ${name} in ${dir}`);
  return readFile(path.join(root, dir, name), 'utf8');
}

/** The text of docs/provenance/<name> (a listed .md file). */
export function readSpecDocument(name: string, root = process.cwd()): Promise<string> {
  return readListed(name, SPEC_DIR, listSpecDocuments, root);
}

/** The text of docs/provenance/vectors/<name> (a listed .json file). */
export function readSpecVector(name: string, root = process.cwd()): Promise<string> {
  return readListed(name, SPEC_VECTORS_DIR, listSpecVectors, root);
}

/**
 * Where a relative link inside a served document points: `vectors/<file>.json` to the raw vector, `vectors/` to the
 * vector index, a sibling `<name>.md` to its rendered page (`?doc=<name>`). Other relative targets get no link.
 */
export function specHref(href: string): string | undefined {
  const [target = '', fragment] = href.split('#', 2);
  const hash = fragment ? `#${fragment}` : '';
  if (target === 'vectors/' || target === 'vectors') return `${SPEC_URL}/vectors${hash}`;
  const vector = /^vectors\/([a-z0-9][a-z0-9-]*\.json)$/.exec(target);
  if (vector) return `${SPEC_URL}/vectors/${vector[1]}`;
  const doc = /^([A-Za-z0-9][A-Za-z0-9_-]*)\.md$/.exec(target);
  if (doc) return doc[1] === 'SPEC' ? `${SPEC_URL}${hash}` : `${SPEC_URL}?doc=${doc[1]}${hash}`;
  return undefined;
}

/** `specHref`, limited to the documents and vectors that exist (a link to one not yet written renders as text). */
export function specHrefResolver(
  documents: readonly string[],
  vectors: readonly string[],
): (href: string) => string | undefined {
  return (href) => {
    const target = href.split('#', 1)[0] ?? '';
    if (/\.md$/.test(target) && !documents.includes(target)) return undefined;
    const vector = /^vectors\/(.+)$/.exec(target)?.[1];
    if (vector && !vectors.includes(vector)) return undefined;
    return specHref(href);
  };
}
