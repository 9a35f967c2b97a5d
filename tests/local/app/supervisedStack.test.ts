import fs from 'node:fs';
import path from 'node:path';
import { ensureConsoleBuilt } from '../../../local/web/buildConsole';
import { boundPorts, freePorts, killGroup, processesInGroup, startStack, waitFor, type StackPorts, type StackProcess } from './stackProcess';

jest.setTimeout(240_000);

/** The node process running local/start.ts under npm's `sh -c` (not that shell, whose command line names it too). */
function startTsProcess(stack: StackProcess): number {
  const line = processesInGroup(stack.pgid).find((entry) => {
    const pid = entry.split(' ')[0] ?? '';
    const [program = '', ...args] = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return path.basename(program) === 'node' && args.includes('local/start.ts');
  });
  if (line === undefined) throw new Error(`no local/start.ts process in group ${stack.pgid}: ${processesInGroup(stack.pgid).join('; ')}`);
  return Number(line.split(' ')[0]);
}

describe('npm start under a supervisor', () => {
  let stack: StackProcess | undefined;
  let ports: StackPorts;

  beforeAll(async () => {
    await ensureConsoleBuilt();
  }, 180_000);

  beforeEach(async () => {
    const [edge = 0, api = 0, console = 0, mock = 0, mockTls = 0] = await freePorts(5);
    ports = { edge, api, console, mock, mockTls };
  });

  afterEach(() => {
    // Whatever a failed test left behind.
    if (stack !== undefined) killGroup(stack.pgid, 'SIGKILL');
    stack = undefined;
  });

  /** Waits until no process of the stack runs and none of its ports is bound; answers what was left at the deadline. */
  async function leftBehind(group: number): Promise<{ processes: string[]; ports: number[] }> {
    const all = [ports.edge, ports.api, ports.console, ports.mock, ports.mockTls];
    await waitFor(async () => processesInGroup(group).length === 0 && (await boundPorts(all)).length === 0, 60_000, () => processesInGroup(group).join('; ')).catch(() => undefined);
    return { processes: processesInGroup(group), ports: await boundPorts(all) };
  }

  it('stops every process and frees every port when the supervisor sends SIGTERM to npm only', async () => {
    stack = await startStack({ via: 'npm', ports });
    const group = stack.pgid;
    expect(processesInGroup(group).length).toBeGreaterThanOrEqual(5); // npm, sh, start.ts, the API, an adapter

    stack.child.kill('SIGTERM');

    expect(await leftBehind(group)).toEqual({ processes: [], ports: [] });
    expect(stack.output()).toMatch(/exited: stopping \(adapters drain first\)\.\.\./);
  });

  it('stops everything when npm is SIGKILLed (its script shell stays, waiting)', async () => {
    stack = await startStack({ via: 'npm', ports });
    const group = stack.pgid;

    stack.child.kill('SIGKILL');

    expect(await leftBehind(group)).toEqual({ processes: [], ports: [] });
    expect(stack.output()).toMatch(/npm \(process \d+\) exited: stopping/);
  });

  it('leaves no API or adapter process when local/start.ts itself is SIGKILLed', async () => {
    stack = await startStack({ via: 'npm', ports });
    const group = stack.pgid;

    process.kill(startTsProcess(stack), 'SIGKILL');

    expect(await leftBehind(group)).toEqual({ processes: [], ports: [] });
  });
});
