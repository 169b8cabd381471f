import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'typed-paths.fixture.ts');
const configPath = path.join(here, '../../tsconfig.json');

/** Type-checks the fixture (with the given text) under the package's tsconfig; returns error line numbers. */
function errorLines(text: string): number[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error('tsconfig not found');
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (path.resolve(file) === fixture ? text : readFile(file));
  const program = ts.createProgram([fixture], config.options, host);
  const source = program.getSourceFile(fixture)!;
  return ts
    .getPreEmitDiagnostics(program, source)
    .filter((d) => d.file?.fileName !== undefined && path.resolve(d.file.fileName) === fixture)
    .map((d) => source.getLineAndCharacterOfPosition(d.start ?? 0).line + 1);
}

describe('field paths are checked by tsc against the shared order types', () => {
  const text = fs.readFileSync(fixture, 'utf8');
  const lines = text.split('\n');
  const expected = lines
    .map((line, i) => (line.trim().startsWith('// @ts-expect-error') ? i + 2 : 0))
    .filter((n) => n > 0);

  it('has the expected-error lines to prove', () => {
    expect(expected.length).toBe(11);
  });

  it('compiles as written (every @ts-expect-error is used)', () => {
    expect(errorLines(text)).toEqual([]);
  });

  it('fails on exactly the marked lines once the markers are removed', () => {
    const stripped = lines
      .map((line) => (line.trim().startsWith('// @ts-expect-error') ? '//' : line))
      .join('\n');
    expect([...new Set(errorLines(stripped))].sort((a, b) => a - b)).toEqual(expected);
  }, 60_000);
});
