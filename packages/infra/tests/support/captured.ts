import type { CapturedResource, ProgramRun } from '../../src/testing/index.js';

/** Every captured resource of one type. */
export function ofType(run: ProgramRun, type: string): CapturedResource[] {
  return run.resources.filter((r) => r.type === type);
}

/** The one captured resource of `type` named `name` (throws when there is none). */
export function resource(run: ProgramRun, type: string, name: string): CapturedResource {
  const found = run.resources.find((r) => r.type === type && r.name === name);
  if (found === undefined) throw new Error(`no ${type} named ${name} in ${run.stack}`);
  return found;
}

/** A policy document's statements as sorted `action resource` pairs. */
export function statementPairs(policyJson: unknown): string[] {
  const doc = JSON.parse(String(policyJson)) as {
    Statement: Array<{ Action: string | string[]; Resource: string | string[] }>;
  };
  const pairs = new Set<string>();
  for (const s of doc.Statement) {
    for (const action of [s.Action].flat())
      for (const res of [s.Resource].flat()) pairs.add(`${action} ${res}`);
  }
  return [...pairs].sort();
}

/** Count of captured resources by type, for comparing a stack's inventory as one object. */
export function inventory(run: ProgramRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of run.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}
