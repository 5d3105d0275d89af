import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

const COLORS = ['\x1b[36m', '\x1b[35m', '\x1b[33m', '\x1b[32m', '\x1b[34m'];
const RESET = '\x1b[0m';

export interface ProcessSpec {
  name: string;
  script: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  /**
   * Run in a process group of its own. A terminal's Ctrl-C signals its whole foreground group at
   * once; a detached process does not get it, so the launcher alone decides when and in which
   * order it stops (with SIGTERM).
   */
  detached?: boolean;
  /** Where the prefixed lines go. Default stdout. */
  output?: NodeJS.WritableStream;
}

let colorIndex = 0;

/** Runs `node script` with each output line prefixed by the process name, so four logs stay readable. */
export function spawnPrefixed({ name, script, args = [], env, detached = false, output = process.stdout }: ProcessSpec): ChildProcess {
  const color = process.stdout.isTTY ? COLORS[colorIndex++ % COLORS.length] : '';
  const prefix = `${color}[${name.padEnd(13)}]${color ? RESET : ''} `;
  // The IPC channel lets children notice when the launcher dies, even by SIGKILL, and stop too;
  // detached children depend on it, as no terminal signal reaches them.
  const child = spawn(process.execPath, [script, ...args], { env, detached, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => output.write(`${prefix}${line}\n`));
  }
  return child;
}

/** Resolves with the exit code (1 when killed by a signal) once `child` has exited. */
export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

/** Sends SIGTERM (our processes stop gracefully on it) and resolves once `child` has exited. */
export function terminate(child: ChildProcess): Promise<number> {
  child.kill('SIGTERM');
  return exited(child);
}

/** Polls `url` until it answers 200 or `timeoutMs` passes. */
export async function waitUntilReady(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000} s`);
}
