import { DescribeTasksCommand, ListTasksCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { ADAPTER_CLUSTER, ADAPTER_SERVICE } from '../../local/app/startLocalApp';
import type { EcsLocalService } from '../../local/ecs/EcsLocalService';

/** One crash the killer caused. */
export interface Kill {
  readonly atSeconds: number;
  /** Invoices in a final state when it struck. */
  readonly finalAtKill: number;
  readonly taskId: string;
}

/**
 * Kills a random running adapter task (SIGKILL: no drain, its in-flight messages are left to SQS)
 * each time the run's progress passes one of `thresholds` (counts of invoices in a final state,
 * drawn at random, so the crashes land at random points of a busy run).
 */
export class AdapterKiller {
  public readonly kills: Kill[] = [];
  private readonly thresholds: number[];

  public constructor(
    private readonly ecs: EcsLocalService,
    private readonly client: ECSClient,
    thresholds: readonly number[],
    private readonly random: () => number = Math.random,
  ) {
    this.thresholds = [...thresholds].sort((a, b) => a - b);
  }

  /** Random thresholds: the k-th of `kills` falls in the k-th slice of 10%–85% of `invoices`. */
  public static thresholdsFor(invoices: number, kills: number, random: () => number = Math.random): number[] {
    const from = 0.1;
    const slice = (0.85 - from) / Math.max(1, kills);
    return Array.from({ length: kills }, (_, k) => Math.floor(invoices * (from + slice * (k + random()))));
  }

  /** How many kills are still to come. */
  public get pending(): number {
    return this.thresholds.length;
  }

  /** Kills one task if progress passed the next threshold; returns the kill, if any. */
  public async onProgress(finalCount: number, atSeconds: number): Promise<Kill | undefined> {
    const next = this.thresholds[0];
    if (next === undefined || finalCount < next) return undefined;
    const running = await this.runningTasks();
    const victim = running[Math.floor(this.random() * running.length)];
    // No task running right now (a replacement still starting): try again on the next tick.
    if (victim === undefined || !(await this.ecs.killTask(victim))) return undefined;
    this.thresholds.shift();
    const kill = { atSeconds, finalAtKill: finalCount, taskId: victim.slice(victim.lastIndexOf('/') + 1) };
    this.kills.push(kill);
    return kill;
  }

  /** Tasks started over the run (the first ones and every replacement). */
  public async tasksStarted(): Promise<number> {
    const [live, stopped] = await Promise.all(
      (['RUNNING', 'STOPPED'] as const).map((desiredStatus) => this.client.send(new ListTasksCommand({ cluster: ADAPTER_CLUSTER, serviceName: ADAPTER_SERVICE, desiredStatus }))),
    );
    return (live?.taskArns?.length ?? 0) + (stopped?.taskArns?.length ?? 0);
  }

  private async runningTasks(): Promise<string[]> {
    const { taskArns } = await this.client.send(new ListTasksCommand({ cluster: ADAPTER_CLUSTER, serviceName: ADAPTER_SERVICE }));
    if (taskArns === undefined || taskArns.length === 0) return [];
    const { tasks } = await this.client.send(new DescribeTasksCommand({ cluster: ADAPTER_CLUSTER, tasks: taskArns }));
    return (tasks ?? []).filter((t) => t.lastStatus === 'RUNNING').map((t) => t.taskArn ?? '').filter((arn) => arn !== '');
  }
}
