import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `.local/stack.json` at the repository root (gitignored): the running local stack's outputs. */
export const STACK_FILE = join(repoRoot(), '.local', 'stack.json');

/** Write the outputs to `.local/stack.json` so tools in other processes find the running stack. */
export async function writeStackFile(outputs: unknown, path = STACK_FILE): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(outputs, null, 2)}\n`);
  return path;
}

/** Remove `.local/stack.json` once the stack it describes has stopped. */
export async function removeStackFile(path = STACK_FILE): Promise<void> {
  await rm(path, { force: true });
}

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
