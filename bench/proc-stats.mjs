// CPU time and resident memory of processes, read from Linux's /proc: the same reading for our
// processes and for a peer's, whatever metrics either exposes.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** `/proc/<pid>/stat` fields after the command name (which may hold spaces), 0-based from field 3 (state). */
function statFields(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/**
 * CPU milliseconds (user + system) `pid` has used so far; with `withChildren`, also what its exited
 * children used and every live descendant (PostgreSQL runs one backend process per connection).
 */
export function cpuMs(pid, { withChildren = false } = {}) {
  const f = statFields(pid);
  // utime, stime, cutime, cstime are fields 14–17, i.e. 11–14 here.
  let ticks = Number(f[11]) + Number(f[12]);
  if (withChildren) {
    ticks += Number(f[13]) + Number(f[14]);
    for (const child of descendants(pid)) {
      try {
        const c = statFields(child);
        ticks += Number(c[11]) + Number(c[12]);
      } catch {
        // exited meanwhile: its time is now in the parent's cutime
      }
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Resident memory of `pid` now, in MiB. */
export function rssMiB(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** Every live process as `{ pid, ppid, command }` (its command line, arguments joined by spaces). */
export function processes() {
  const list = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(statFields(name)[1]);
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ').trim();
      list.push({ pid: Number(name), ppid, command });
    } catch {
      // exited while listing
    }
  }
  return list;
}

/** Pids of every live descendant of `pid`. */
export function descendants(pid, list = processes()) {
  const found = [];
  for (let frontier = [pid]; frontier.length; ) {
    const next = list.filter((p) => frontier.includes(p.ppid)).map((p) => p.pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

/**
 * Samples the resident memory of `pids` every `everyMs` until `stop()`, which returns the highest
 * reading of each (MiB), keyed like `pids`.
 */
export function watchPeakRss(pids, everyMs = 100) {
  const peak = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      try {
        peak[name] = Math.max(peak[name], rssMiB(pid));
      } catch {
        // exited: keep the last peak
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}
