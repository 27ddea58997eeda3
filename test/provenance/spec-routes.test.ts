/**
 * The published spec as the app serves it: the Markdown renderer lets no raw HTML or unsafe link through; the
 * /spec/provenance page renders SPEC.md with working links to the vectors and sibling documents; the raw routes
 * answer exactly the committed files and nothing outside docs/provenance.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as getDocument } from '../../app/spec/provenance/[document]/route';
import ProvenanceSpecPage from '../../app/spec/provenance/page';
import { GET as getVectorIndex } from '../../app/spec/provenance/vectors/route';
import { GET as getVector } from '../../app/spec/provenance/vectors/[file]/route';
import { renderMarkdown } from '../../lib/markdown/render';
import { listSpecDocuments, listSpecVectors, specHref } from '../../lib/provenance/spec-documents';

const request = new Request('http://localhost/spec');
const docParams = (document: string) => ({ params: Promise.resolve({ document }) });
const fileParams = (file: string) => ({ params: Promise.resolve({ file }) });

describe('renderMarkdown', () => {
  it('shows raw HTML as text and drops unsafe link targets', () => {
    const html = renderMarkdown(
      [
        '# Title <b>x</b>',
        '',
        '<script>alert(1)</script>',
        '',
        'inline <img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">a</a>',
        '',
        '[bad](javascript:alert(4)) [data](data:text/html,hi) [proto](//evil.example/x) [ok](https://example.org/a?b=1&c=2) [anchor](#title-x) [rel](vectors/prng.json) [norel](../../etc/passwd)',
        '',
        '![pic](javascript:alert(5))',
        '',
        '| a | b |',
        '| --- | --- |',
        '| <i>x</i> | `<code>` |',
      ].join('\n'),
      { resolveHref: specHref },
    );
    expect(html).not.toMatch(/<script|<img|<i>|<b>|<a href="javascript|onerror="/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).not.toMatch(/href="(javascript|data):|href="\/\/evil/);
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2">ok</a>');
    expect(html).toContain('<a href="#title-x">anchor</a>');
    expect(html).toContain('<a href="/spec/provenance/vectors/prng.json">rel</a>');
    expect(html).toContain(' norel');
    expect(html).toContain('<h1 id="title-bxb">Title &lt;b&gt;x&lt;/b&gt;</h1>');
    expect(html).toContain('<code>&lt;code&gt;</code>');
  });

  it('gives repeated headings distinct ids', () => {
    expect(renderMarkdown('## A\n\n## A\n')).toBe('<h2 id="a">A</h2>\n<h2 id="a-1">A</h2>\n');
  });
});

describe('/spec/provenance', () => {
  it('renders SPEC.md; every link to a vector, document or anchor resolves', async () => {
    const html = renderToStaticMarkup(await ProvenanceSpecPage({ searchParams: Promise.resolve({}) }));
    expect(html).toContain('<h1 id="motif-provenance-20">Motif Provenance 2.0</h1>');
    expect(html).not.toMatch(/<script/i);
    const vectors = await listSpecVectors();
    const documents = await listSpecDocuments();
    const ids = new Set([...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]));
    const hrefs = [...html.matchAll(/ href="([^"]+)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));
    expect(hrefs.filter((h) => h.startsWith('/spec/provenance/vectors/')).length).toBeGreaterThanOrEqual(
      vectors.length,
    );
    for (const href of hrefs) {
      if (href.startsWith('/spec/provenance/vectors/'))
        expect(vectors, href).toContain(href.slice('/spec/provenance/vectors/'.length));
      else if (href.startsWith('/spec/provenance?doc='))
        expect(documents, href).toContain(`${href.slice('/spec/provenance?doc='.length).split('#')[0]}.md`);
      else if (href.startsWith('#')) expect(ids.has(href.slice(1)), href).toBe(true);
      else if (href.startsWith('/schemas/'))
        expect(readFileSync(path.join('public', href), 'utf8').length, href).toBeGreaterThan(0);
      else expect(['/spec/provenance', '/spec/provenance/vectors', '/spec/provenance/SPEC.md'], href).toContain(href);
    }
  });

  it('renders every published document (?doc=<name>) as safe HTML', async () => {
    for (const d of await listSpecDocuments()) {
      const html = renderToStaticMarkup(
        await ProvenanceSpecPage({ searchParams: Promise.resolve({ doc: d.replace(/\.md$/, '') }) }),
      );
      expect(html, d).toContain('<article class="spec">');
      expect(html, d).not.toMatch(/<script|<iframe|<img/i);
    }
  });

  it('answers 404 for a document that is not published', async () => {
    await expect(ProvenanceSpecPage({ searchParams: Promise.resolve({ doc: '../../README' }) })).rejects.toThrow();
    await expect(ProvenanceSpecPage({ searchParams: Promise.resolve({ doc: 'nope' }) })).rejects.toThrow();
  });
});

describe('raw spec routes', () => {
  it('serve SPEC.md and every vector byte for byte', async () => {
    const spec = await getDocument(request, docParams('SPEC.md'));
    expect(spec.status).toBe(200);
    expect(spec.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(await spec.text()).toBe(readFileSync('docs/provenance/SPEC.md', 'utf8'));
    const index = z
      .object({ spec: z.string(), files: z.array(z.object({ name: z.string(), url: z.string() })) })
      .parse(await (await getVectorIndex()).json());
    expect(index.files.map((f) => f.name)).toEqual(await listSpecVectors());
    expect(index.files.length).toBeGreaterThanOrEqual(10);
    for (const f of index.files) {
      const res = await getVector(request, fileParams(f.name));
      expect(res.status, f.name).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await res.text(), f.name).toBe(readFileSync(path.join('docs/provenance/vectors', f.name), 'utf8'));
      expect(f.url).toBe(`/spec/provenance/vectors/${f.name}`);
    }
  });

  it('serve nothing outside docs/provenance', async () => {
    for (const name of [
      '../../package.json',
      '..%2F..%2Fpackage.json',
      'package.json',
      'SPEC.MD',
      '.env',
      'vectors',
      '',
    ]) {
      expect((await getDocument(request, docParams(name))).status, name).toBe(404);
    }
    for (const name of ['../SPEC.md', '../../../package.json', 'prng.JSON', 'prng', '.json']) {
      expect((await getVector(request, fileParams(name))).status, name).toBe(404);
    }
  });
});
