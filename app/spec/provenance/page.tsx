import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { renderMarkdown } from '../../../lib/markdown/render';
import {
  listSpecDocuments,
  listSpecVectors,
  readSpecDocument,
  specHref,
  specHrefResolver,
  SPEC_URL,
} from '../../../lib/provenance/spec-documents';
import './spec.css';

export const metadata: Metadata = {
  title: 'Motif Provenance specification',
  description:
    'How a Motif track records how it was made, and how anyone can verify and replay it: manifest, digest, signature, track folder, replay procedure and test vectors.',
};

type Props = { searchParams: Promise<{ doc?: string | string[] }> };

/** `/spec/provenance`: SPEC.md rendered (or a sibling document with `?doc=<name>`), with links to the raw files. */
export default async function ProvenanceSpecPage({ searchParams }: Props) {
  const { doc } = await searchParams;
  const name = typeof doc === 'string' && doc !== '' ? `${doc}.md` : 'SPEC.md';
  const documents = await listSpecDocuments();
  if (!documents.includes(name)) notFound();
  const html = renderMarkdown(await readSpecDocument(name), {
    resolveHref: specHrefResolver(documents, await listSpecVectors()),
  });
  const others = documents.filter((d) => d !== name);
  return (
    <>
      <p className="muted spec-source">
        Source: <a href={`${SPEC_URL}/${name}`}>{name}</a> · test vectors: <a href={`${SPEC_URL}/vectors`}>index</a>
        {others.length > 0 ? ' · also: ' : ''}
        {others.map((d, i) => (
          <span key={d}>
            {i > 0 ? ', ' : ''}
            <a href={specHref(d) ?? `${SPEC_URL}/${d}`}>{d}</a>
          </span>
        ))}
      </p>
      {/* renderMarkdown escapes raw HTML and filters link targets (lib/markdown/render.ts); the source is our own repository. */}
      <article className="spec" dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
