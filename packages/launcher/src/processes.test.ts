import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { exited, terminate } from './processes';

describe('exited', () => {
  it('resolves for a process that a signal has already killed', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    child.kill('SIGKILL');
    await once(child, 'exit');
    await expect(exited(child)).resolves.toBe(1);
  });
});

describe('terminate', () => {
  it('waits until the process has finished its graceful stop', async () => {
    const script = `process.on('SIGTERM', () => setTimeout(() => process.exit(0), 300)); console.log('ready'); setInterval(() => {}, 1000)`;
    const child = spawn(process.execPath, ['-e', script]);
    await once(child.stdout!, 'data');
    const started = Date.now();
    await expect(terminate(child)).resolves.toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
