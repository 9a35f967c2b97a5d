import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { Command, InvalidArgumentError } from 'commander';
import { printResult } from '../printResult';

/** The adapter service: `ADAPTER_CLUSTER_NAME` / `ADAPTER_SERVICE_NAME` (CDK sets them), else the local names. */
function target(): { cluster: string; service: string } {
  return { cluster: process.env.ADAPTER_CLUSTER_NAME ?? 'nfse', service: process.env.ADAPTER_SERVICE_NAME ?? 'adapters' };
}

/** `nfse adapters status|scale N` over the ECS API (Fargate in AWS, the local ECS with AWS_ENDPOINT_URL). */
export function adaptersCommand(): Command {
  const command = new Command('adapters').description('the adapter service (ECS): AWS credentials, or AWS_ENDPOINT_URL for the local cloud');
  command
    .command('status')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { cluster, service } = target();
      const { services, failures } = await new ECSClient({}).send(new DescribeServicesCommand({ cluster, services: [service] }));
      const found = services?.[0];
      if (found === undefined) throw new Error(`service ${service} not found in cluster ${cluster}${failures?.[0]?.reason !== undefined ? ` (${failures[0].reason})` : ''}`);
      const status = { cluster, service, desired: found.desiredCount ?? 0, running: found.runningCount ?? 0, pending: found.pendingCount ?? 0 };
      printResult(options.json === true, status, () => `${cluster}/${service}: ${status.running} running, ${status.pending} pending, ${status.desired} desired`);
    });
  command
    .command('scale')
    .argument('<count>', 'desired number of adapter tasks', (value: string) => {
      const count = Number(value);
      if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('must be a whole number');
      return count;
    })
    .option('--json', 'print JSON')
    .action(async (count: number, options: { json?: boolean }) => {
      const { cluster, service } = target();
      const result = await new ECSClient({}).send(new UpdateServiceCommand({ cluster, service, desiredCount: count }));
      const answer = { cluster, service, desired: result.service?.desiredCount ?? count };
      printResult(options.json === true, answer, () => `${cluster}/${service}: desired ${answer.desired} (surplus tasks drain in-flight work before stopping)`);
    });
  return command;
}
