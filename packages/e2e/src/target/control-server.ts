import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the control channel needs from the local stack (a structural slice of @orders/local's LocalStack). */
export interface ControllableStack {
  readonly faults: {
    inject(
      functionName: string,
      fault: { count: number; error?: string; cause?: string; timeout?: boolean },
    ): unknown;
  };
  lambdaLogs(functionName?: string): string[];
}

export interface ControlServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serve fault injection and Lambda logs on loopback. The local stack lives in vitest's global-setup
 * process while test files run in workers, so tests reach those two in-process features over HTTP.
 */
export async function startControlServer(stack: ControllableStack): Promise<ControlServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      let result: unknown;
      if (req.method === 'POST' && url.pathname === '/faults') {
        const { functionName, ...fault } = JSON.parse(await readBody(req)) as {
          functionName: string;
          count: number;
        };
        await stack.faults.inject(functionName, fault);
        result = { ok: true };
      } else if (req.method === 'GET' && url.pathname === '/lambda-logs') {
        const functionName = url.searchParams.get('functionName');
        result = functionName === null ? stack.lambdaLogs() : stack.lambdaLogs(functionName);
      } else {
        res.writeHead(404).end(JSON.stringify({ error: `no route ${req.method} ${url.pathname}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (error) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: String(error) }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
