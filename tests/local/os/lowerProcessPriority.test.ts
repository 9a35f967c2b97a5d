import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { lowerOnSpawn, lowerProcessPriority } from '../../../local/os/lowerProcessPriority';
import { eventually } from '../../harness/eventually';

/** A Node process that idles; resolved once it has started its threads (V8's workers start with it). */
async function idleChild(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', "process.stdout.write('up'); setInterval(() => {}, 1000)"], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve) => child.stdout?.once('data', resolve));
  return child as ChildProcess & { pid: number };
}

/** The priority of each of `pid`'s threads where the system lists them (Linux), else of the process. */
function threadPriorities(pid: number): number[] {
  const threads = fs.existsSync(`/proc/${pid}/task`) ? fs.readdirSync(`/proc/${pid}/task`).map(Number) : [pid];
  return threads.map((thread) => os.getPriority(thread));
}

describe('lowerProcessPriority', () => {
  const own = os.getPriority();
  const children: ChildProcess[] = [];

  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('lowers a running child, every thread of it, to the priority asked', async () => {
    const child = await idleChild();
    children.push(child);
    const lower = Math.min(19, own + 5);

    expect(lowerProcessPriority(child.pid, lower)).toBeUndefined();

    expect(os.getPriority(child.pid)).toBe(lower);
    const priorities = threadPriorities(child.pid);
    expect(priorities.length).toBeGreaterThan(0);
    expect(new Set(priorities)).toEqual(new Set([lower]));
  });

  it('never raises it: not above this process, nor above where the child already is', async () => {
    const child = await idleChild();
    children.push(child);
    const already = Math.min(19, own + 2);
    os.setPriority(child.pid, already);

    expect(lowerProcessPriority(child.pid, 0)).toBeUndefined();

    expect(os.getPriority(child.pid)).toBe(already);
  });

  it('lowers a child as it starts (lowerOnSpawn)', async () => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.push(child);
    const lower = Math.min(19, own + 4);
    const refusals: Error[] = [];

    lowerOnSpawn(child, lower, (error) => refusals.push(error));

    expect(await eventually('the child lowered', () => Promise.resolve(child.pid === undefined ? own : os.getPriority(child.pid)), (p) => p === lower, { timeoutMs: 10_000 })).toBe(lower);
    expect(refusals).toEqual([]);
  });

  it('gives back, without throwing, what it could not do', () => {
    expect(lowerProcessPriority(process.pid, 20)?.message).toBe('a process priority is an integer from 0 to 19, got 20');
    expect(lowerProcessPriority(process.pid, -1)).toBeInstanceOf(RangeError);
    // No process has this pid (above Linux's pid_max): the system's error comes back.
    expect(lowerProcessPriority(2 ** 22 + 1, 5)).toBeInstanceOf(Error);
  });
});
