import * as pulumi from '@pulumi/pulumi';

/**
 * Deep-copy resource inputs into plain data: assets and archives become
 * `{ kind: 'FileArchive' | 'FileAsset' | ..., path?, text?, uri?, assets? }` with their values resolved.
 */
export async function normalizeInputs(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  return (await normalize(inputs)) as Record<string, unknown>;
}

async function normalize(value: unknown): Promise<unknown> {
  if (pulumi.asset.Asset.isInstance(value) || pulumi.asset.Archive.isInstance(value)) {
    const out: Record<string, unknown> = { kind: value.constructor.name };
    for (const field of ['path', 'text', 'uri', 'assets'] as const) {
      const resolved = await (value as unknown as Record<string, unknown>)[field];
      if (resolved !== undefined) out[field] = await normalize(resolved);
    }
    return out;
  }
  if (Array.isArray(value)) return Promise.all((value as unknown[]).map(normalize));
  if (typeof value === 'object' && value !== null) {
    const entries = await Promise.all(
      Object.entries(value).map(async ([k, v]) => [k, await normalize(v)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}
