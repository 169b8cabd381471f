import { request } from 'node:http';
import type { FuzzAnswer } from './answer-check.js';
import type { FuzzRequest } from './request-arbitrary.js';

/** The API dropped or refused the connection instead of answering: a crash, for the fuzz. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
}

/**
 * `POST {baseUrl}/orders` with exactly the request's bytes and headers (node:http, not fetch: fetch would
 * refuse some of them and add its own content type), a new connection each time so one answer's connection
 * handling cannot spill into the next request.
 */
export function rawPost(baseUrl: string, fuzz: FuzzRequest, timeoutMs = 60_000): Promise<FuzzAnswer> {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/orders`);
  const body = typeof fuzz.body === 'string' ? Buffer.from(fuzz.body, 'utf8') : Buffer.from(fuzz.body);
  const headers: Record<string, string | number> = { 'content-length': body.length };
  if (fuzz.contentType !== undefined) headers['content-type'] = fuzz.contentType;
  if (fuzz.idempotencyKey !== undefined) headers['idempotency-key'] = fuzz.idempotencyKey;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const location = res.headers.location;
        resolve({
          status: res.statusCode ?? 0,
          location: typeof location === 'string' ? location : undefined,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      res.on('error', (error) => reject(new ConnectionError(`the answer broke off: ${error.message}`)));
    });
    req.on('timeout', () => req.destroy(new ConnectionError(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) =>
      reject(
        error instanceof ConnectionError
          ? error
          : new ConnectionError(`${(error as NodeJS.ErrnoException).code ?? error.name}: ${error.message}`),
      ),
    );
    req.end(body);
  });
}
