import type { Logger } from 'pino';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalContext } from '../edge/LocalContext';
import type { LocalService, ServiceHealth } from '../edge/LocalService';
import { awsJsonError, awsJsonResult } from '../edge/awsErrors';
import { EcsService, type EcsServiceOptions } from './EcsService';
import type { TaskProcess } from './TaskProcess';

const JSON_11 = 'application/x-amz-json-1.1';

type Body = Record<string, unknown>;

/**
 * A minimal ECS API (AWS JSON 1.1) over local services whose tasks are child processes:
 * enough for `nfse adapters status|scale` and the console. Services are defined in code by the
 * local stack (there is no container image to pull locally).
 */
export class EcsLocalService implements LocalService {
  public readonly name = 'ecs' as const;
  private readonly services = new Map<string, EcsService>();
  private readonly logger: Logger;

  public constructor(private readonly context: LocalContext) {
    this.logger = context.logger;
  }

  /** The ARN of a cluster by name. */
  public clusterArn(cluster: string): string {
    return `arn:aws:ecs:${this.context.region}:${this.context.accountId}:cluster/${cluster}`;
  }

  /** Defines a service in a cluster and starts its tasks. */
  public async defineService(cluster: string, options: Omit<EcsServiceOptions, 'clusterArn' | 'logger'>): Promise<EcsService> {
    const service = new EcsService({ ...options, clusterArn: this.clusterArn(cluster), logger: this.logger });
    this.services.set(`${cluster}/${options.serviceName}`, service);
    await service.reconcile();
    return service;
  }

  /** Kills a task at once (SIGKILL): a crash, for failure tests. */
  public async killTask(taskArn: string): Promise<boolean> {
    const task = this.findTask(taskArn);
    if (task === undefined) return false;
    await task.kill();
    return true;
  }

  public health(): ServiceHealth {
    const running = [...this.services.values()].map((s) => `${s.name} ${s.liveTasks().filter((t) => t.status === 'RUNNING').length}/${s.desiredCount}`);
    return { state: 'running', detail: running.length > 0 ? running.join(', ') : 'no services' };
  }

  public async stop(): Promise<void> {
    await Promise.all([...this.services.values()].map((service) => service.stop()));
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    let body: Body;
    try {
      body = request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as Body);
    } catch {
      return awsJsonError(400, 'SerializationException', 'Request body is not valid JSON', JSON_11);
    }
    switch (request.target) {
      case 'ListClusters':
        return awsJsonResult({ clusterArns: [...new Set([...this.services.values()].map((s) => s.clusterArn))] }, JSON_11);
      case 'ListServices':
        return awsJsonResult({ serviceArns: this.servicesOf(clusterName(body.cluster)).map((s) => s.serviceArn) }, JSON_11);
      case 'DescribeServices':
        return this.describeServices(body);
      case 'UpdateService':
        return this.updateService(body);
      case 'ListTasks':
        return this.listTasks(body);
      case 'DescribeTasks':
        return this.describeTasks(body);
      case 'StopTask':
        return this.stopTask(body);
      default:
        return awsJsonError(400, 'InvalidParameterException', `The local ECS does not support ${request.target ?? 'this operation'}; it supports ListClusters, ListServices, DescribeServices, UpdateService, ListTasks, DescribeTasks, StopTask`, JSON_11);
    }
  }

  private describeServices(body: Body): EdgeResponse {
    const cluster = clusterName(body.cluster);
    const names = Array.isArray(body.services) ? body.services.map(String) : [];
    const found = names.map((name) => this.services.get(`${cluster}/${lastSegment(name)}`));
    return awsJsonResult(
      {
        services: found.filter((s): s is EcsService => s !== undefined).map(describeService),
        failures: names.filter((_, i) => found[i] === undefined).map((name) => ({ arn: name, reason: 'MISSING' })),
      },
      JSON_11,
    );
  }

  private async updateService(body: Body): Promise<EdgeResponse> {
    const service = this.services.get(`${clusterName(body.cluster)}/${lastSegment(String(body.service ?? ''))}`);
    if (service === undefined) return awsJsonError(400, 'ServiceNotFoundException', 'Service not found.', JSON_11);
    if (body.desiredCount !== undefined) {
      const desired = Number(body.desiredCount);
      if (!Number.isInteger(desired) || desired < 0 || desired > 100) return awsJsonError(400, 'InvalidParameterException', 'desiredCount must be an integer between 0 and 100 locally.', JSON_11);
      // Scaling up answers at once; draining down finishes in the background, as on ECS.
      void service.scale(desired);
    }
    return awsJsonResult({ service: describeService(service) }, JSON_11);
  }

  private listTasks(body: Body): EdgeResponse {
    const wanted = body.desiredStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING';
    const serviceName = body.serviceName !== undefined ? lastSegment(String(body.serviceName)) : undefined;
    const tasks = this.servicesOf(clusterName(body.cluster))
      .filter((s) => serviceName === undefined || s.name === serviceName)
      .flatMap((s) => s.allTasks())
      // By desired status, as ECS does: a task being stopped (draining) is listed under STOPPED.
      .filter((t) => desiredStatusOf(t) === wanted);
    return awsJsonResult({ taskArns: tasks.map((t) => t.taskArn) }, JSON_11);
  }

  private describeTasks(body: Body): EdgeResponse {
    const arns = Array.isArray(body.tasks) ? body.tasks.map(String) : [];
    const tasks = arns.map((arn) => ({ arn, task: this.findTask(arn) }));
    return awsJsonResult(
      {
        tasks: tasks.filter((t) => t.task !== undefined).map(({ task }) => describeTask(task as TaskProcess, this.serviceOf(task as TaskProcess))),
        failures: tasks.filter((t) => t.task === undefined).map(({ arn }) => ({ arn, reason: 'MISSING' })),
      },
      JSON_11,
    );
  }

  private async stopTask(body: Body): Promise<EdgeResponse> {
    const task = this.findTask(String(body.task ?? ''));
    if (task === undefined) return awsJsonError(400, 'InvalidParameterException', 'The referenced task was not found.', JSON_11);
    // StopTask answers at once and the task drains in the background, as on ECS; stop() never rejects.
    void task.stop(typeof body.reason === 'string' ? body.reason : 'Task stopped by user');
    return awsJsonResult({ task: describeTask(task, this.serviceOf(task)) }, JSON_11);
  }

  private servicesOf(cluster: string): EcsService[] {
    return [...this.services.entries()].filter(([key]) => key.startsWith(`${cluster}/`)).map(([, s]) => s);
  }

  private serviceOf(task: TaskProcess): EcsService | undefined {
    return [...this.services.values()].find((s) => s.allTasks().includes(task));
  }

  private findTask(arnOrId: string): TaskProcess | undefined {
    for (const service of this.services.values()) {
      const task = service.allTasks().find((t) => t.taskArn === arnOrId || t.taskArn.endsWith(`/${arnOrId}`));
      if (task !== undefined) return task;
    }
    return undefined;
  }
}

function describeService(service: EcsService): Record<string, unknown> {
  const live = service.liveTasks();
  const running = live.filter((t) => t.status === 'RUNNING').length;
  const pending = live.filter((t) => t.status === 'PROVISIONING').length;
  return {
    serviceArn: service.serviceArn,
    serviceName: service.name,
    clusterArn: service.clusterArn,
    status: 'ACTIVE',
    desiredCount: service.desiredCount,
    runningCount: running,
    pendingCount: pending,
    launchType: 'FARGATE',
    taskDefinition: service.taskDefinitionArn,
    createdAt: service.createdAt.getTime() / 1000,
    deployments: [{ id: 'ecs-svc/local', status: 'PRIMARY', desiredCount: service.desiredCount, runningCount: running, pendingCount: pending, rolloutState: running === service.desiredCount ? 'COMPLETED' : 'IN_PROGRESS' }],
  };
}

/** STOPPED once the task is being stopped (RUNNING until then). */
function desiredStatusOf(task: TaskProcess): 'RUNNING' | 'STOPPED' {
  return task.status === 'STOPPED' || task.status === 'DEPROVISIONING' ? 'STOPPED' : 'RUNNING';
}

function describeTask(task: TaskProcess, service: EcsService | undefined): Record<string, unknown> {
  return {
    taskArn: task.taskArn,
    clusterArn: service?.clusterArn,
    group: service !== undefined ? `service:${service.name}` : undefined,
    lastStatus: task.status,
    desiredStatus: desiredStatusOf(task),
    launchType: 'FARGATE',
    startedAt: task.startedAt.getTime() / 1000,
    ...(task.stoppedAt !== undefined ? { stoppedAt: task.stoppedAt.getTime() / 1000, stoppedReason: task.stoppedReason } : {}),
    containers: [{ name: 'adapter', lastStatus: task.status, exitCode: task.exitCode ?? undefined }],
  };
}

function clusterName(value: unknown): string {
  return typeof value === 'string' && value !== '' ? lastSegment(value) : 'default';
}

function lastSegment(arnOrName: string): string {
  return arnOrName.slice(arnOrName.lastIndexOf('/') + 1);
}
