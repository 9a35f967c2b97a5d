import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { lowerOnSpawn } from '../os/lowerProcessPriority';

/** What an ECS task goes through, as DescribeTasks reports it. */
export type TaskStatus = 'PROVISIONING' | 'RUNNING' | 'DEPROVISIONING' | 'STOPPED';

/** How to start one task's process. */
export interface TaskDefinition {
  readonly family: string;
  readonly command: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** SIGTERM, then SIGKILL after this (ECS `stopTimeout`). @default 30000 */
  readonly stopTimeoutMs?: number;
  /**
   * The OS scheduling priority of the task's process (0 normal, 19 lowest; `os.setPriority`). In
   * AWS a task has vCPUs of its own; here it shares the machine's cores with the API and the
   * cloud, and a task of background work set lower lets the work on a client's path run first.
   * @default this process's priority (nothing is set)
   */
  readonly osPriority?: number;
}

/** One running task: a child process, stopped gracefully with SIGTERM as ECS does. */
export class TaskProcess {
  public readonly taskArn: string;
  public readonly startedAt = new Date();
  public status: TaskStatus = 'PROVISIONING';
  public stoppedAt: Date | undefined;
  public stoppedReason: string | undefined;
  public exitCode: number | null = null;
  public readonly exited: Promise<void>;
  private readonly child: ChildProcess;

  public constructor(
    clusterArn: string,
    private readonly definition: TaskDefinition,
    private readonly logger: Logger,
  ) {
    this.taskArn = `${clusterArn.replace(':cluster/', ':task/')}/${randomUUID().replace(/-/g, '')}`;
    const [file, ...args] = definition.command;
    if (file === undefined) throw new Error(`task definition ${definition.family} has no command`);
    // LOCAL_PARENT_PID: a task still starting when this process dies still knows its parent is gone (followParent.ts).
    this.child = spawn(file, args, { cwd: definition.cwd, env: { ...definition.env, ECS_TASK_ARN: this.taskArn, LOCAL_PARENT_PID: String(process.pid) }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (definition.osPriority !== undefined) {
      lowerOnSpawn(this.child, definition.osPriority, (refused) => this.logger.warn({ err: refused, family: definition.family }, 'the task runs at normal priority: its priority could not be set'));
    }
    this.child.once('spawn', () => {
      if (this.status === 'PROVISIONING') this.status = 'RUNNING';
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitCode = code;
        this.status = 'STOPPED';
        this.stoppedAt = new Date();
        this.stoppedReason ??= code === 0 ? 'Essential container in task exited' : `Essential container in task exited (code ${code ?? 'none'}, signal ${signal ?? 'none'})`;
        this.logger.info({ taskArn: this.taskArn, code, signal }, 'task stopped');
        resolve();
      });
      this.child.once('error', (error) => {
        this.stoppedReason = `CannotStartContainerError: ${error.message}`;
        this.status = 'STOPPED';
        resolve();
      });
    });
  }

  /** SIGTERM (the adapter drains in-flight work), then SIGKILL after the stop timeout. */
  public async stop(reason: string): Promise<void> {
    if (this.status === 'STOPPED') return;
    this.stoppedReason = reason;
    this.status = 'DEPROVISIONING';
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), this.definition.stopTimeoutMs ?? 30_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL at once: a crash, for failure tests (the message it held is redelivered by SQS). */
  public async kill(): Promise<void> {
    if (this.status === 'STOPPED') return;
    this.stoppedReason = 'Task killed (local chaos)';
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
