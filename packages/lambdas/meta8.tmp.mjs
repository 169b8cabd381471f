import { build } from 'esbuild';

const r = await build({
  absWorkingDir: process.cwd(),
  entryPoints: { index: 'src/handlers/retrieve-stock.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  conditions: ['module', 'import'],
  write: false,
  metafile: true,
  outdir: '/tmp/m7',
  splitting: true,
  alias: { '@aws-sdk/credential-provider-node': './src/runtime/lambda-credentials.ts' },
});
for (const [f, v] of Object.entries(r.metafile.inputs))
  for (const imp of v.imports)
    if (imp.path.includes(process.argv[2]) && !f.includes(process.argv[2]))
      console.log(
        f.replace(/.*node_modules\//, ''),
        '->',
        imp.path.replace(/.*node_modules\//, ''),
        imp.kind,
      );
