import { DescribeTasksCommand, paginateListTasks, type ECSClient } from '@aws-sdk/client-ecs';
import type { AdapterServiceRef } from './adapterService';

/** DescribeTasks takes at most 100 tasks per call. */
const DESCRIBE_LIMIT = 100;

/**
 * How many of the service's tasks ECS is stopping that have not stopped yet: adapters scaled
 * away (or replaced) still finishing their in-flight city calls after SIGTERM.
 * @see https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-lifecycle-explanation.html
 */
export async function drainingTasks(ecs: ECSClient, ref: AdapterServiceRef): Promise<number> {
  const arns: string[] = [];
  for await (const page of paginateListTasks({ client: ecs }, { cluster: ref.cluster, serviceName: ref.service, desiredStatus: 'STOPPED' })) {
    arns.push(...(page.taskArns ?? []));
  }
  let draining = 0;
  for (let i = 0; i < arns.length; i += DESCRIBE_LIMIT) {
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: ref.cluster, tasks: arns.slice(i, i + DESCRIBE_LIMIT) }));
    draining += (tasks ?? []).filter((task) => task.lastStatus !== 'STOPPED').length;
  }
  return draining;
}
