import { readSpecVector, SpecDocumentNotFoundError } from '../../../../../lib/provenance/spec-documents';

export const dynamic = 'force-dynamic';

/** `/spec/provenance/vectors/<name>.json`: one test-vector file, byte for byte as committed. */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await context.params;
  try {
    const text = await readSpecVector(file);
    return new Response(text, {
      headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=300' },
    });
  } catch (error) {
    if (error instanceof SpecDocumentNotFoundError) return Response.json({ error: error.message }, { status: 404 });
    throw error;
  }
}
