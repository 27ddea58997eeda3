import { listSpecVectors, SPEC_URL } from '../../../../lib/provenance/spec-documents';

export const dynamic = 'force-dynamic';

/** `/spec/provenance/vectors`: the vector files and their URLs. */
export async function GET(): Promise<Response> {
  const files = await listSpecVectors();
  return Response.json(
    { spec: 'Motif Provenance 2.0', files: files.map((name) => ({ name, url: `${SPEC_URL}/vectors/${name}` })) },
    { headers: { 'cache-control': 'public, max-age=300' } },
  );
}
