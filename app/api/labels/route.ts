import { labelApi } from './_api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** GET: the signed-in wallet's labels. POST { name }: creates a label (creator = owner). See lib/labels/http.ts. */
export async function GET(request: Request): Promise<Response> {
  return (await labelApi()).list(request);
}

export async function POST(request: Request): Promise<Response> {
  return (await labelApi()).create(request);
}
