import { spawn, type ChildProcess } from 'node:child_process';

/** Every process a test started; all are killed on exit even when a test fails or jest bails. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface TestProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process printed, for assertions and for failure messages. */
  output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL at once, with no chance to clean up (a crash); resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGSTOP: the process freezes, its sockets stay open and nothing answers, until `resume`. */
  suspend(): void;
  /** SIGCONT: a suspended process carries on where it stopped. */
  resume(): void;
}

/** `nodeArgs` go to node itself, before the script (e.g. `--cpu-prof`). */
export function startProcess(name: string, script: string, env: NodeJS.ProcessEnv, args: string[] = [], nodeArgs: string[] = []): TestProcess {
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    output: () => output,
    stop: async (graceMs = 10_000) => {
      if (alive()) {
        child.kill('SIGTERM');
        // A suspended process would only see the SIGTERM once continued.
        child.kill('SIGCONT');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const code = await exit;
        clearTimeout(timer);
        return code;
      }
      return child.exitCode;
    },
    kill: async () => {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exit;
    },
    suspend: () => {
      if (alive()) child.kill('SIGSTOP');
    },
    resume: () => {
      if (alive()) child.kill('SIGCONT');
    },
  };
}

/** Polls `url` until it answers 200; fails with the process's output when it exits or times out. */
export async function waitForReady(url: string, processes: TestProcess[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited with code ${dead.child.exitCode}:\n${dead.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms:\n${processes.map((p) => `--- ${p.name}\n${p.output()}`).join('\n')}`);
}
