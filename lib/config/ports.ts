import net from 'node:net';
import { BaseError } from '../errors/base';

/** A port the platform needs is taken by another program. */
export class PortBusyError extends BaseError {
  override name = 'PortBusyError';
  constructor(
    readonly port: number,
    readonly variable: string,
  ) {
    super(`Port ${port} is already in use. Stop the program using it, or set ${variable} to another port.`);
  }
}

/** Resolves when `port` on 127.0.0.1 can be bound; throws PortBusyError naming the variable that changes it. */
export function assertPortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') reject(new PortBusyError(port, variable));
      else reject(error);
    });
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** Asks the OS for a free port on 127.0.0.1 (for tests and benches). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
