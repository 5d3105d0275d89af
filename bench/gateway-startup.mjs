// Gateway start-up: how long a gateway process takes from spawn to ready (its /ready answering 200,
// which needs every subgraph), its resident memory then, and how many modules it loads. Runs the
// platform on the demo book, then starts extra gateways on the same subgraphs, one at a time.
// Usage: node bench/gateway-startup.mjs [--runs 7]
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { machine, root, startBenchPlatform, writeBenchBlock } from './bench-platform.mjs';

const require = createRequire(import.meta.url);
const testing = require(path.join(root, 'packages/testing/dist/index.js'));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 7);

const bench = await startBenchPlatform({ scale: 0.1 });
try {
  const { subgraphUrls } = bench.platform;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const port = await testing.freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'gateway/dist/main.js')], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        ACCOUNTS_URL: subgraphUrls.accounts,
        OPPORTUNITIES_URL: subgraphUrls.opportunities,
        ACTIVITIES_URL: subgraphUrls.activities,
        GATEWAY_SIGNING_SECRET: testing.TEST_GATEWAY_SIGNING_SECRET,
      },
      stdio: 'ignore',
    });
    try {
      for (;;) {
        const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.ok, () => false);
        if (ready) break;
        if (performance.now() - started > 30_000) throw new Error('the gateway was not ready within 30 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const ms = performance.now() - started;
      const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]) / 1024;
      samples.push({ ms, rssMiB });
    } finally {
      child.kill('SIGKILL');
    }
  }
  const modules = JSON.parse(
    execFileSync(process.execPath, ['-e', "require('./gateway/dist/server.js'); const k = Object.keys(require.cache); console.log(JSON.stringify({ all: k.length, orm: k.filter((m) => /node_modules\\/(typeorm|type-graphql|class-validator)\\//.test(m)).length }))"], { cwd: root, encoding: 'utf8' }),
  );
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ms = samples.map((s) => s.ms);
  const rss = samples.map((s) => s.rssMiB);
  writeBenchBlock('gateway-startup', 'Gateway start-up', [
    '',
    `\`node bench/gateway-startup.mjs --runs ${runs}\` on ${machine()}, ${new Date().toISOString().slice(0, 10)}: a gateway process started ${runs} times against running subgraphs (demo book at scale 0.1).`,
    '',
    '| figure | median | min | max |',
    '| --- | --- | --- | --- |',
    `| spawn to \`/ready\` (ms) | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)} | ${Math.max(...ms).toFixed(0)} |`,
    `| resident memory when ready (MiB) | ${median(rss).toFixed(0)} | ${Math.min(...rss).toFixed(0)} | ${Math.max(...rss).toFixed(0)} |`,
    '',
    `Modules the gateway loads: ${modules.all}, of which ${modules.orm} from typeorm, type-graphql or class-validator.`,
    '',
  ]);
} finally {
  await bench.stop();
}
