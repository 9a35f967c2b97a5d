import type { Logger } from 'pino';
import { TaskProcess, type TaskDefinition } from './TaskProcess';

/** Options of {@link EcsService}. */
export interface EcsServiceOptions {
  readonly clusterArn: string;
  readonly serviceName: string;
  readonly taskDefinition: TaskDefinition;
  /** @default 1 */
  readonly desiredCount?: number;
  readonly logger: Logger;
}

/**
 * An ECS service, locally: keeps `desiredCount` task processes running, replaces tasks that
 * exit (as ECS does), and drains surplus tasks with SIGTERM when scaled down.
 */
export class EcsService {
  public readonly serviceArn: string;
  public desiredCount: number;
  public readonly createdAt = new Date();
  private readonly tasks = new Set<TaskProcess>();
  private readonly stopped: TaskProcess[] = [];
  private stopping = false;

  public constructor(private readonly options: EcsServiceOptions) {
    this.serviceArn = `${options.clusterArn.replace(':cluster/', ':service/')}/${options.serviceName}`;
    this.desiredCount = options.desiredCount ?? 1;
  }

  public get name(): string {
    return this.options.serviceName;
  }

  public get clusterArn(): string {
    return this.options.clusterArn;
  }

  public get taskDefinitionArn(): string {
    return `${this.options.clusterArn.replace(/:cluster\/.*$/, ':task-definition/')}${this.options.taskDefinition.family}:1`;
  }

  /** Tasks not yet stopped. */
  public liveTasks(): TaskProcess[] {
    return [...this.tasks];
  }

  /** Live tasks, then recently stopped ones (ECS shows stopped tasks for a while). */
  public allTasks(): TaskProcess[] {
    return [...this.tasks, ...this.stopped.slice(-50)];
  }

  /** Sets the desired count and converges to it (UpdateService). */
  public async scale(desiredCount: number): Promise<void> {
    this.desiredCount = desiredCount;
    await this.reconcile();
  }

  /** Starts missing tasks; drains surplus ones (newest first). */
  public async reconcile(): Promise<void> {
    if (this.stopping) return;
    const live = this.liveTasks().filter((task) => task.status !== 'DEPROVISIONING');
    for (let i = live.length; i < this.desiredCount; i++) this.launch();
    const surplus = live.slice(this.desiredCount).reverse();
    await Promise.all(surplus.map((task) => task.stop('Scaling activity initiated by (deployment local)')));
  }

  /** Stops every task (graceful) and stops replacing them. */
  public async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.liveTasks().map((task) => task.stop('Service stopped')));
  }

  private launch(): void {
    const task = new TaskProcess(this.options.clusterArn, this.options.taskDefinition, this.options.logger);
    this.tasks.add(task);
    this.options.logger.info({ taskArn: task.taskArn, service: this.name }, 'task started');
    // `exited` only resolves (on the child's exit event); the reconcile it starts runs on its own.
    void task.exited.then(() => {
      this.tasks.delete(task);
      this.stopped.push(task);
      // A task that died on its own is replaced, as the ECS scheduler does.
      if (!this.stopping) void this.reconcile();
    });
  }
}
