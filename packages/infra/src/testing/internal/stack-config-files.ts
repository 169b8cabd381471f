import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The infra package folder, where Pulumi.yaml and the stack files are. */
export const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Raised when Pulumi.yaml or a stack file cannot be used offline. */
export class StackConfigFileError extends Error {
  override readonly name = 'StackConfigFileError';
}

/**
 * The config the CLI would hand the program: Pulumi.yaml defaults, then `Pulumi.<stack>.yaml`
 * (when present), then `overrides`. Bare keys get the project namespace.
 */
export function loadStackConfigFiles(
  stack: string,
  overrides: Record<string, string>,
): { project: string; config: Record<string, string> } {
  const projectFile = readYaml(path.join(PROJECT_DIR, 'Pulumi.yaml'));
  const project = projectFile?.name;
  if (typeof project !== 'string') throw new StackConfigFileError('Pulumi.yaml has no project name');
  const fullKey = (key: string) => (key.includes(':') ? key : `${project}:${key}`);

  const config: Record<string, string> = {};
  for (const [key, spec] of Object.entries(asRecord(projectFile?.config))) {
    const value = isRecord(spec) ? (spec.value ?? spec.default) : spec;
    if (value !== undefined && value !== null) config[fullKey(key)] = scalar(value, key, 'Pulumi.yaml');
  }
  const stackFileName = `Pulumi.${stack}.yaml`;
  const stackFile = readYaml(path.join(PROJECT_DIR, stackFileName));
  for (const [key, value] of Object.entries(asRecord(stackFile?.config))) {
    if (isRecord(value) && 'secure' in value) {
      throw new StackConfigFileError(
        `${stackFileName}: ${key} is a secret; pass it in options.config instead`,
      );
    }
    config[fullKey(key)] = scalar(value, key, stackFileName);
  }
  for (const [key, value] of Object.entries(overrides)) config[fullKey(key)] = value;
  return { project, config };
}

function readYaml(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed: unknown = parse(fs.readFileSync(file, 'utf8'));
  return isRecord(parsed) ? parsed : undefined;
}

function scalar(value: unknown, key: string, file: string): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  // Structured values reach the program as JSON, as the CLI passes them.
  if (isRecord(value) || Array.isArray(value)) return JSON.stringify(value);
  throw new StackConfigFileError(`${file}: ${key} has an unsupported value ${JSON.stringify(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
