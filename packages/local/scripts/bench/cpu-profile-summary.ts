/**
 * `tsx scripts/bench/cpu-profile-summary.ts <dir> [<from µs> <to µs>]`: sum the `.cpuprofile` files that
 * `node --cpu-prof --cpu-prof-dir=<dir>` wrote (the main thread and every Lambda worker thread) into CPU
 * time per part of the stack: the engine, the Step Functions API, the SDK, the Lambda bundles, Node's own
 * code, GC. With a window (the bench prints `cpu-window <run> <from> <to>` under --cpu-prof), only the
 * samples taken in it count: the measured run without the start-up.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** Which part of the stack a frame belongs to, from its script URL (first match wins). */
const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Lambda bundles (handlers + SDK inside them)', /\/lambdas\/dist\//],
  ['AWS SDK (integrations, bench clients)', /@aws-sdk|@smithy|fast-xml-parser/],
  ['ASL engine (JSONata included)', /\/asl-engine\/|\/jsonata\//],
  ['Step Functions API + history', /\/local\/src\/sfn\//],
  ['Lambda runtime (workers, messages)', /\/local\/src\/lambda\//],
  ['integrations dispatcher', /\/local\/src\/integrations\//],
  ['bench script', /\/local\/scripts\//],
  ['tsx / esbuild loader', /tsx|esbuild/],
  ['infra program (start-up)', /\/infra\/|@pulumi/],
];

function partOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)')
    return functionName;
  for (const [name, pattern] of PARTS) if (pattern.test(url)) return name;
  if (url.startsWith('node:') || url === '') return 'Node.js internals (http, streams, workers, JSON)';
  return 'other';
}

const [dir, fromText, toText] = process.argv.slice(2);
if (dir === undefined)
  throw new Error('usage: cpu-profile-summary.ts <directory of .cpuprofile files> [<from µs> <to µs>]');
const from = fromText === undefined ? -Infinity : Number(fromText);
const to = toText === undefined ? Infinity : Number(toText);
const totals = new Map<string, number>();
const threads: Array<{ file: string; busyMs: number }> = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (node === undefined || at < from || at > to) return;
    const part = partOf(node);
    if (part !== '(idle)') busy += ms;
    totals.set(part, (totals.get(part) ?? 0) + ms);
  });
  threads.push({ file, busyMs: busy });
}
totals.delete('(idle)');
const all = [...totals.values()].reduce((a, b) => a + b, 0);
for (const [part, ms] of [...totals].sort((a, b) => b[1] - a[1]))
  process.stdout.write(
    `${(ms / 1000).toFixed(2).padStart(8)} s  ${((100 * ms) / all).toFixed(1).padStart(5)} %  ${part}\n`,
  );
const window =
  Number.isFinite(from) && Number.isFinite(to) ? ` in a ${((to - from) / 1e6).toFixed(1)} s window` : '';
process.stdout.write(
  `${(all / 1000).toFixed(2).padStart(8)} s busy over ${threads.length} threads${window}\n`,
);
