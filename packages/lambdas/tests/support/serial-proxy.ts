import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy on loopback that forwards requests to `target` one at a time, in arrival order.
 *
 * moto's DynamoDB is not atomic under concurrent requests: its server is threaded, and TransactWriteItems
 * checks each condition and applies each update without a lock (a rollback even restores a copy of the
 * whole table taken before other requests committed), so concurrent transactions oversell where DynamoDB
 * would not. DynamoDB's guarantee is that each request, a transaction included, takes effect atomically;
 * serializing whole requests gives moto exactly that and nothing more: concurrent callers still interleave
 * their reads and writes arbitrarily between requests, which is what race-safety tests need.
 */
export async function serialProxy(target: string): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const upstream = new URL(target);
  let queue: Promise<void> = Promise.resolve();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      queue = queue.then(
        () =>
          new Promise<void>((done) => {
            const forward = request(
              {
                host: upstream.hostname,
                port: upstream.port,
                method: req.method,
                path: req.url,
                headers: { ...req.headers, host: upstream.host },
              },
              (reply) => {
                const parts: Buffer[] = [];
                reply.on('data', (chunk: Buffer) => parts.push(chunk));
                reply.on('end', () => {
                  res.writeHead(reply.statusCode ?? 502, reply.headers);
                  res.end(Buffer.concat(parts));
                  done();
                });
              },
            );
            forward.on('error', (error) => {
              res.writeHead(502).end(String(error));
              done();
            });
            forward.end(body);
          }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
