// Hive Gateway (the peer the gateway is compared with), installed in bench/peer/ apart from the
// product, started as a child process on this run's subgraphs and signing its subgraph requests
// like our gateway (bench/peer/signed-subgraphs.config.mjs).
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { root } from './bench-platform.mjs';

const require = createRequire(import.meta.url);
const testing = require(path.join(root, 'packages/testing/dist/index.js'));

const peer = path.join(root, 'bench/peer');
const installedStamp = path.join(peer, 'node_modules/.installed-from-lock');

/** Every Hive Gateway started here, killed, and the supergraph copies, removed, when this process exits. */
const running = new Set();
const copies = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

/** `npm ci` in bench/peer/ unless node_modules already holds what package-lock.json pins. */
export function installHiveGateway() {
  const lock = createHash('sha256').update(readFileSync(path.join(peer, 'package-lock.json'))).digest('hex');
  if (existsSync(installedStamp) && readFileSync(installedStamp, 'utf8') === lock) return;
  console.log('installing Hive Gateway into bench/peer/ (npm ci)…');
  execFileSync('npm', ['ci', '--prefix', peer, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(installedStamp, lock);
}

/**
 * A copy of infra/supergraph.graphql whose subgraph urls are `subgraphUrls` (by subgraph name), in a
 * temporary directory removed on exit; returns its path.
 */
export function supergraphFor(subgraphUrls) {
  const seen = new Set();
  const sdl = readFileSync(path.join(root, 'infra/supergraph.graphql'), 'utf8').replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_, name) => {
    if (!subgraphUrls[name]) throw new Error(`the supergraph names a subgraph "${name}" this run did not start`);
    seen.add(name);
    return `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`;
  });
  const missing = Object.keys(subgraphUrls).filter((name) => !seen.has(name));
  if (missing.length) throw new Error(`infra/supergraph.graphql has no @join__graph for ${missing.join(', ')}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-bench-hive-'));
  copies.add(dir);
  const file = path.join(dir, 'supergraph.graphql');
  writeFileSync(file, sdl);
  return file;
}

/**
 * Starts Hive Gateway on `supergraph` (a file) on a free loopback port and waits until it answers
 * its readiness check; `deduplicate: false` turns off its in-flight request sharing. Returns
 * `{ url, pid, output, stop }`.
 */
export async function startHiveGateway({ supergraph, signingSecret, deduplicate = true }) {
  const port = await testing.freePort();
  const child = spawn(
    process.execPath,
    [path.join(peer, 'node_modules/@graphql-hive/gateway/dist/bin.js'), 'supergraph', supergraph, '--host', '127.0.0.1', '--port', String(port), '--config-path', path.join(peer, 'signed-subgraphs.config.mjs')],
    {
      cwd: peer,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        GATEWAY_SIGNING_SECRET: signingSecret,
        HIVE_DEDUPLICATE_INFLIGHT: String(deduplicate),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let output = '';
  const keep = (chunk) => (output = (output + chunk).slice(-20_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readiness`, { signal: AbortSignal.timeout(1_000) }).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Hive Gateway was not ready within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid, output: () => output, stop };
}
