import { readSpecDocument, SpecDocumentNotFoundError } from '../../../../lib/provenance/spec-documents';

export const dynamic = 'force-dynamic';

/** `/spec/provenance/<name>.md`: a provenance document as published in the repository (raw Markdown). */
export async function GET(_request: Request, context: { params: Promise<{ document: string }> }): Promise<Response> {
  const { document } = await context.params;
  try {
    const text = await readSpecDocument(document);
    return new Response(text, {
      headers: { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'public, max-age=300' },
    });
  } catch (error) {
    if (error instanceof SpecDocumentNotFoundError)
      return new Response(`${error.message}\n`, {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    throw error;
  }
}
