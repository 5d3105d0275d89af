// Bundles the offline GraphiQL playground (app.tsx) into
// gateway/dist/playground-assets/playground.{js,css}.
// Run from gateway/ after tsc: `node src/edge/playground/app/build.mjs`. It sits in src/ beside the
// server code that serves the bundle, but tsc leaves this folder alone (see tsconfig.json).
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '..', '..', '..', '..', 'dist', 'playground-assets');
const outputs = ['playground.js', 'playground.css'];

/** Newest change time of what the bundle is made from: this folder and the installed packages (the lockfile). */
async function newestInput() {
  const files = (await readdir(here)).map((name) => path.join(here, name));
  files.push(path.resolve(here, '..', '..', '..', '..', '..', 'pnpm-lock.yaml'));
  const times = await Promise.all(files.map((file) => stat(file).then((s) => s.mtimeMs, () => Infinity)));
  return Math.max(...times);
}

/** Oldest output, or -Infinity when one is missing. */
async function oldestOutput() {
  const times = await Promise.all(outputs.map((file) => stat(path.join(outdir, file)).then((s) => s.mtimeMs, () => -Infinity)));
  return Math.min(...times);
}

try {
  // Bundling takes seconds; a start on an unchanged checkout should not pay them.
  if ((await oldestOutput()) > (await newestInput())) process.exit(0);
  // Loaded only when there is something to bundle.
  const { build } = await import('esbuild');
  await mkdir(outdir, { recursive: true });
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
  for (const file of outputs) {
    const { size } = await stat(path.join(outdir, file)); // throws if an output is missing
    sizes.push(`${file} ${(size / 1024).toFixed(0)} KiB`);
  }
  console.log(`playground: built ${path.relative(process.cwd(), outdir) || '.'} (${sizes.join(', ')})`);
} catch (err) {
  // esbuild already printed formatted diagnostics (logLevel 'error'); keep the rest short.
  console.error(`playground: build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
