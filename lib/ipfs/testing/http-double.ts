/**
 * Shared plumbing of the protocol doubles: a node:http server on 127.0.0.1:0, failure injection and a request log.
 * TEST DOUBLES ONLY: these speak the subset of a protocol that Motif's clients use; they are not the real daemons.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoggedRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
};

export type HttpDouble = {
  url: string;
  server: Server;
  /** Every request received, in order. */
  requests: LoggedRequest[];
  /** The next `count` requests whose path matches `pathPrefix` (default all) answer `status` without being served. */
  failNext(count: number, options?: { status?: number; pathPrefix?: string; message?: string }): void;
  close(): Promise<void>;
};

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export async function startHttpDouble(
  handler: Handler,
  errorBody: (status: number, message: string) => { contentType: string; body: string },
): Promise<HttpDouble> {
  const requests: LoggedRequest[] = [];
  const failures: { remaining: number; status: number; pathPrefix: string; message: string }[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers });
    const failure = failures.find((f) => f.remaining > 0 && url.pathname.startsWith(f.pathPrefix));
    if (failure) {
      failure.remaining -= 1;
      const { contentType, body } = errorBody(failure.status, failure.message);
      req.resume();
      res.writeHead(failure.status, { 'content-type': contentType });
      res.end(body);
      return;
    }
    handler(req, res, url).catch((error: unknown) => {
      const { contentType, body } = errorBody(500, error instanceof Error ? error.message : String(error));
      if (!res.headersSent) res.writeHead(500, { 'content-type': contentType });
      res.end(body);
    });
  });
  // Kubo and the providers keep idle connections far longer than Node's 5 s default; a test that spends seconds
  // between two requests (comparing a large buffer) must not meet a socket closed under the client's next request.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    failNext(count, options = {}) {
      failures.push({
        remaining: count,
        status: options.status ?? 503,
        pathPrefix: options.pathPrefix ?? '/',
        message: options.message ?? 'injected failure',
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads a request body fully. */
export async function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
