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
for (const [of, out] of Object.entries(r.metafile.outputs)) {
  if (of.endsWith('.map')) continue;
  const groups = {};
  for (const [f, v] of Object.entries(out.inputs)) {
    const k = f.includes('node_modules')
      ? f
          .replace(/.*node_modules\//, '')
          .split('/')
          .slice(0, +process.argv[2])
          .join('/')
      : f;
    groups[k] = (groups[k] || 0) + v.bytesInOutput;
  }
  console.log('==', of, out.bytes);
  console.log(
    Object.entries(groups)
      .sort((a, b) => b[1] - a[1])
      .slice(0, +process.argv[3])
      .map(([k, v]) => v + ' ' + k)
      .join('\n'),
  );
}
