import type { ClientRequest } from 'node:http';

/**
 * Writes `total` bytes to `req` in 64 KiB chunks, as fast as the connection takes them, then ends it; stops early when
 * the request is destroyed. Returns how many bytes were written so far (the server may answer mid-upload).
 */
export function pumpChunks(req: ClientRequest, total: number): () => number {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = () => {
    while (sent < total && !req.destroyed) {
      sent += chunk.length;
      if (!req.write(chunk)) return void req.once('drain', pump);
    }
    req.end();
  };
  pump();
  return () => sent;
}
