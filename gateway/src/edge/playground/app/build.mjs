// Bundles the offline GraphiQL playground (app.tsx) into
// gateway/dist/playground-assets/playground.{js,css}.
// Run from gateway/ after tsc: `node src/edge/playground/app/build.mjs`. It sits in src/ beside the
// server code that serves the bundle, but tsc leaves this folder alone (see tsconfig.json).
import { build } from 'esbuild';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '..', '..', '..', '..', 'dist', 'playground-assets');

try {
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: here,
    entryPoints: { playground: path.join(here, 'app.tsx') },
    outdir,
    bundle: true,
    minify: true,
    sourcemap: false,
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    // Fonts and icons referenced from graphiql's CSS are inlined (they already are data: URLs).
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'error',
    write: true,
  });
  if (result.errors.length > 0) throw new Error(`esbuild reported ${result.errors.length} error(s)`);

  const sizes = [];
  for (const file of ['playground.js', 'playground.css']) {
    const { size } = await stat(path.join(outdir, file)); // throws if an output is missing
    sizes.push(`${file} ${(size / 1024).toFixed(0)} KiB`);
  }
  console.log(`playground: built ${path.relative(process.cwd(), outdir) || '.'} (${sizes.join(', ')})`);
} catch (err) {
  // esbuild already printed formatted diagnostics (logLevel 'error'); keep the rest short.
  console.error(`playground: build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
