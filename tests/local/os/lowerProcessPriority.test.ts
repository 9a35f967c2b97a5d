import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import { lowerProcessPriority } from '../../../local/os/lowerProcessPriority';

async function idleChild(): Promise<ChildProcess & { pid: number }> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  return child as ChildProcess & { pid: number };
}

describe('lowerProcessPriority', () => {
  const own = os.getPriority();

  it('lowers a running child to the priority asked', async () => {
    const child = await idleChild();
    try {
      const lower = Math.min(19, own + 5);
      expect(lowerProcessPriority(child.pid, lower)).toBeUndefined();
      expect(os.getPriority(child.pid)).toBe(lower);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("never raises it above this process's own", async () => {
    const child = await idleChild();
    try {
      os.setPriority(child.pid, Math.min(19, own + 2));
      expect(lowerProcessPriority(child.pid, 0)).toBeUndefined();
      expect(os.getPriority(child.pid)).toBe(own);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('gives back, without throwing, what it could not do', () => {
    expect(lowerProcessPriority(process.pid, 20)?.message).toBe('a process priority is an integer from 0 to 19, got 20');
    expect(lowerProcessPriority(process.pid, -1)).toBeInstanceOf(RangeError);
    // No process has this pid (above Linux's pid_max): the system's error comes back.
    expect(lowerProcessPriority(2 ** 22 + 1, 5)).toBeInstanceOf(Error);
  });
});
