import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { PageHandler } from '../sfn/local-server.js';
import { NotificationBuffer } from './notification-buffer.js';
import { redactCardData } from './redact.js';
import { preloadGraphviz, workflowGraph } from './workflow-graph.js';

/** Where the console page is served, on the Step Functions API's port. */
export const CONSOLE_PATH = '/console/';

/** `packages/console/dist`, what `pnpm --filter @orders/console build` writes. */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../../console/dist/', import.meta.url));

/** The console page is not built: the local stack has nothing to serve. */
export class ConsoleNotBuiltError extends Error {
  override readonly name = 'ConsoleNotBuiltError';
  constructor(readonly distDir: string) {
    super(
      `the console page is not built (no ${join(distDir, 'index.html')}): run \`pnpm --filter @orders/console build\` (\`bash run.sh dev\` builds it first)`,
    );
  }
}

/**
 * What the page may ask of each service through the proxy: reads, plus starting and stopping executions.
 * Nothing that creates, changes or deletes a table, a state machine or a queue.
 */
const PROXIED = {
  stepfunctions: {
    prefix: 'AWSStepFunctions.',
    operations: [
      'DescribeStateMachine',
      'DescribeStateMachineForExecution',
      'ListStateMachines',
      'ListExecutions',
      'DescribeExecution',
      'GetExecutionHistory',
      'StartExecution',
      'StopExecution',
    ],
  },
  dynamodb: {
    prefix: 'DynamoDB_20120810.',
    operations: ['Scan', 'Query', 'GetItem', 'DescribeTable', 'ListTables'],
  },
} as const;
type ProxiedService = keyof typeof PROXIED;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

export interface ConsoleOptions {
  /** The built page (default {@link CONSOLE_DIST_DIR}). */
  readonly distDir?: string;
  readonly region: string;
  /** The endpoints the proxy forwards to (read per request: the API's port is known once it listens). */
  readonly endpoints: () => { readonly stepfunctions: string; readonly dynamodb: string };
  readonly clients: { readonly sns: SNSClient; readonly sqs: SQSClient };
  /** The notification topic; the console subscribes a queue of its own to it. */
  readonly topicArn: string;
  readonly queueName: string;
}

export interface ConsoleService {
  /** Answers `/console/…` (the page, its proxy, the graph, the notifications) and `GET /` (a redirect). */
  readonly handle: PageHandler;
  stop(): Promise<void>;
}

/**
 * The console page's server side: the built page, a same-origin proxy to the Step Functions API and to
 * DynamoDB (moto) for the operations in {@link PROXIED}, whose answers pass through {@link redactCardData}
 * so that no card data reaches the browser, the workflow's picture laid out from DescribeStateMachine's
 * definition, and the notifications buffer.
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleService> {
  const distDir = options.distDir ?? CONSOLE_DIST_DIR;
  if (!existsSync(join(distDir, 'index.html'))) throw new ConsoleNotBuiltError(distDir);
  const notifications = await NotificationBuffer.start(options.clients, options.topicArn, options.queueName);
  preloadGraphviz();

  const handle: PageHandler = async ({ req, url, body, res }) => {
    const method = req.method ?? 'GET';
    if (url.pathname === '/' && method === 'GET' && req.headers['x-amz-target'] === undefined) {
      res.writeHead(302, { location: CONSOLE_PATH }).end();
      return true;
    }
    if (url.pathname === CONSOLE_PATH.slice(0, -1)) {
      res.writeHead(301, { location: CONSOLE_PATH }).end();
      return true;
    }
    if (!url.pathname.startsWith(CONSOLE_PATH)) return false;
    const path = url.pathname.slice(CONSOLE_PATH.length);
    try {
      if (path.startsWith('api/')) await api(path.slice('api/'.length), method, url, req.headers, body, res);
      else await serveFile(distDir, path, res);
    } catch (error) {
      sendJson(res, 500, { __type: 'InternalFailure', message: (error as Error)?.message ?? String(error) });
    }
    return true;
  };

  const api = async (
    route: string,
    method: string,
    url: URL,
    headers: Record<string, string | string[] | undefined>,
    body: string,
    res: ServerResponse,
  ) => {
    if (route === 'notifications' && method === 'GET') {
      const since = Number(url.searchParams.get('since') ?? 0);
      // the page's first read asks only for what it shows: the newest `limit`
      const limit = Number(url.searchParams.get('limit') ?? Number.POSITIVE_INFINITY);
      sendJson(
        res,
        200,
        redactCardData(
          notifications.list(
            Number.isFinite(since) ? since : 0,
            limit > 0 ? limit : Number.POSITIVE_INFINITY,
          ),
        ),
      );
      return;
    }
    if ((route === 'stepfunctions' || route === 'dynamodb') && method === 'POST') {
      await proxy(route, String(headers['x-amz-target'] ?? ''), body, res);
      return;
    }
    if (route === 'workflow-graph' && method === 'GET') {
      // The definition as DescribeStateMachine gives it to any client, laid out by docs/workflow.svg's renderer.
      const described = await sfnCall('DescribeStateMachine', {
        stateMachineArn: url.searchParams.get('stateMachineArn') ?? '',
      });
      if (described.status !== 200 || typeof described.json.definition !== 'string') {
        sendJson(res, described.status === 200 ? 502 : described.status, described.json);
        return;
      }
      sendJson(res, 200, await workflowGraph(described.json.definition), { 'cache-control': 'no-cache' });
      return;
    }
    sendJson(res, 404, {
      __type: 'UnknownOperationException',
      message: `no console route ${method} ${route}`,
    });
  };

  const proxy = async (service: ProxiedService, target: string, body: string, res: ServerResponse) => {
    const { prefix, operations } = PROXIED[service];
    const operation = target.startsWith(prefix) ? target.slice(prefix.length) : '';
    if (!(operations as readonly string[]).includes(operation)) {
      sendJson(res, 400, {
        __type: 'AccessDeniedException',
        message: `the console proxy does not forward '${target}' to ${service} (only ${operations.join(', ')})`,
      });
      return;
    }
    const answer = await forward(service, target, body === '' ? '{}' : body);
    const text = await answer.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      sendJson(res, 502, {
        __type: 'BadGateway',
        message: `${service} answered ${answer.status} without JSON`,
      });
      return;
    }
    const errorType = answer.headers.get('x-amzn-errortype');
    sendJson(
      res,
      answer.status,
      redactCardData(json),
      errorType === null ? {} : { 'x-amzn-errortype': errorType },
    );
  };

  const forward = (service: ProxiedService, target: string, body: string) =>
    fetch(`${options.endpoints()[service]}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': target,
        // moto takes the region from the credential scope; it checks no signature.
        authorization: `AWS4-HMAC-SHA256 Credential=local/20200101/${options.region}/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body,
    });
  const sfnCall = async (operation: string, input: object) => {
    const answer = await forward('stepfunctions', `AWSStepFunctions.${operation}`, JSON.stringify(input));
    return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
  };

  return { handle, stop: () => notifications.stop() };
}

async function serveFile(distDir: string, path: string, res: ServerResponse): Promise<void> {
  const relative = normalize(path === '' ? 'index.html' : decodeURIComponent(path));
  const file = join(distDir, relative);
  if (relative.startsWith('..') || !file.startsWith(distDir.endsWith(sep) ? distDir : distDir + sep)) {
    sendJson(res, 404, { message: 'not found' });
    return;
  }
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    sendJson(res, 404, { message: `no ${path} in the console build` });
    return;
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': content.length,
    // Vite names every asset by its content hash; the page itself is read again on each load.
    'cache-control': relative.startsWith(`assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(content);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.0',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}
