import { mkdir, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'esbuild';

/** The handlers that become Lambda bundles (`dist/<name>/index.mjs`). */
export const HANDLERS = [
  'verify-payment',
  'reserve-stock',
  'charge-payment',
  'release-stock',
  'resend-notifications',
  'intake-api',
] as const;
export type HandlerName = (typeof HANDLERS)[number];

/**
 * Size budget per minified bundle. The SDK's DynamoDB client is about 180 KiB of it and each command a
 * handler sends adds 1-2 KiB; the cold-start import time (150 ms median, below) is what the budget protects.
 */
export const BUNDLE_BUDGET_BYTES = 208 * 1024;

/**
 * Bundles that carry a second SDK client get its size on top: the intake starts the workflow (the Step
 * Functions client, about 16 KiB with the commands it sends).
 */
export const EXTRA_BUDGET_BYTES: Partial<Record<HandlerName, number>> = { 'intake-api': 24 * 1024 };

/** The size budget of one handler's bundle. */
export const budgetOf = (handler: HandlerName): number =>
  BUNDLE_BUDGET_BYTES + (EXTRA_BUDGET_BYTES[handler] ?? 0);

export const PACKAGE_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const DEFAULT_OUTDIR = join(PACKAGE_DIR, 'dist');

// Node's ESM has no `require`; some bundled CommonJS code (and Node built-ins required from it) needs one.
const REQUIRE_BANNER =
  "import { createRequire as __orders_createRequire } from 'node:module';" +
  'const require = __orders_createRequire(import.meta.url);';

// Size-only substitutions, each explained in its file: the bundles must stay within budget with the SDK in.
const BUNDLE_ALIASES = {
  '@aws-sdk/credential-provider-node': './src/bundle-shims/env-credential-provider.ts',
  '@aws-sdk/middleware-endpoint-discovery': './src/bundle-shims/endpoint-discovery.ts',
  '@aws/lambda-invoke-store': './src/bundle-shims/lambda-invoke-store.ts',
};

/**
 * The SDK clients import their whole package.json to read `version` (for the user agent); give them a
 * module with just name and version instead of every field of the manifest.
 */
const packageVersionOnly: Plugin = {
  name: 'package-version-only',
  setup(b) {
    b.onResolve({ filter: /\/package\.json$/ }, (args) =>
      args.importer.includes(`${sep}node_modules${sep}`)
        ? { path: join(args.resolveDir, args.path), namespace: 'package-version' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'package-version' }, async (args) => {
      const { name, version } = JSON.parse(await readFile(args.path, 'utf8')) as {
        name: string;
        version: string;
      };
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

export interface BundleInfo {
  readonly handler: HandlerName;
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly withinBudget: boolean;
}

/**
 * Build one minified ESM bundle (+ source map) per handler into `outdir/<handler>/index.mjs`. Each
 * handler is built in a scratch directory and swapped in with a rename, so a process reading the
 * bundles while another build runs (several turbo runs share this tree) never sees a half-written one.
 */
export async function buildBundles(outdir = DEFAULT_OUTDIR): Promise<BundleInfo[]> {
  await mkdir(outdir, { recursive: true });
  const scratch = await mkdtemp(join(outdir, '.build-'));
  try {
    const infos: BundleInfo[] = [];
    for (const handler of HANDLERS) {
      await buildOne(handler, join(scratch, handler));
      const target = join(outdir, handler);
      await rm(target, { recursive: true, force: true });
      await rename(join(scratch, handler), target);
      infos.push(await measure(handler, join(target, 'index.mjs')));
    }
    return infos;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function buildOne(handler: HandlerName, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: { index: `src/handlers/${handler}.ts` },
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    // Code behind dynamic import() the handlers never reach (the SDK's event-stream and browser
    // user-agent support) goes to lazy chunks beside index.mjs instead of being loaded at cold start.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    minify: true,
    treeShaking: true,
    sourcemap: true,
    sourcesContent: false,
    format: 'esm',
    platform: 'node',
    // The Lambda runtime (nodejs24.x in packages/infra/src/components/order-function.ts).
    target: 'node24',
    // Prefer ES module builds (the SDK's dist-es): the `module` condition comes before `node` in the
    // SDK's export maps, and only ES modules tree-shake.
    mainFields: ['module', 'main'],
    conditions: ['module', 'import'],
    alias: BUNDLE_ALIASES,
    plugins: [packageVersionOnly],
    banner: { js: REQUIRE_BANNER },
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
}

/** Files Node loads when it imports `file`: the file and every chunk it imports statically (not `import()`). */
async function staticClosure(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return [...seen];
  seen.add(file);
  const code = await readFile(file, 'utf8');
  for (const [, specifier] of code.matchAll(/(?:\bfrom|\bimport)\s*"(\.\.?\/[^"]+)"/g)) {
    // The group is not optional, so every match has it.
    if (specifier === undefined)
      throw new Error(
        `staticClosure: an import in ${file} matched without its path (the group is required; cannot happen)`,
      );
    await staticClosure(join(dirname(file), specifier), seen);
  }
  return [...seen];
}

/** Size of what a cold start loads (index.mjs and its static chunks) and the gzip size of index.mjs. */
async function measure(handler: HandlerName, file: string): Promise<BundleInfo> {
  const files = await staticClosure(file);
  const bytes = (await Promise.all(files.map((f) => stat(f)))).reduce((sum, s) => sum + s.size, 0);
  const gzipBytes = gzipSync(await readFile(file)).length;
  return { handler, file, bytes, gzipBytes, withinBudget: bytes <= budgetOf(handler) };
}

/** Sizes of the bundles already built in `outdir`. */
export async function bundleInfo(outdir = DEFAULT_OUTDIR): Promise<BundleInfo[]> {
  return Promise.all(HANDLERS.map((handler) => measure(handler, join(outdir, handler, 'index.mjs'))));
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** A plain-text table of bundle sizes (optionally with extra columns per handler). */
export function sizeTable(
  bundles: readonly BundleInfo[],
  extra: Record<string, Record<string, string>> = {},
): string {
  const extraHeads = Object.keys(extra);
  const head = ['bundle', 'size', 'gzip', 'budget', ...extraHeads];
  const rows = [
    head,
    ...bundles.map((b) => [
      `${b.handler}/index.mjs`,
      kib(b.bytes),
      kib(b.gzipBytes),
      b.withinBudget ? `ok (<= ${kib(budgetOf(b.handler))})` : `OVER (${kib(budgetOf(b.handler))})`,
      ...extraHeads.map((h) => extra[h]?.[b.handler] ?? ''),
    ]),
  ];
  // Every row has a cell per column of the head, so no cell lacks a width (0 would only mean no padding).
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  return rows
    .map((r) =>
      r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '),
    )
    .join('\n');
}
