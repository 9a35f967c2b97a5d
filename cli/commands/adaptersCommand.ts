import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { Command, InvalidArgumentError } from 'commander';
import { adapterServiceFromEnv, describeAutoscaling } from '../adapters/adapterService';
import { adaptersStatus, type AdapterClients } from '../adapters/adaptersStatus';
import { scaleAdapters } from '../adapters/scaleAdapters';
import { printResult } from '../printResult';

/** Real clients from the environment (region, credentials, AWS_ENDPOINT_URL for the local cloud). */
function defaultClients(): AdapterClients {
  return { ecs: new ECSClient({}), autoscaling: new ApplicationAutoScalingClient({}) };
}

/**
 * `nfse adapters status|scale N` over the ECS API and Application Auto Scaling (Fargate in AWS;
 * the local ECS, which runs the adapters as child processes, with AWS_ENDPOINT_URL and
 * NFSE_ADAPTER_AUTOSCALING=off).
 */
export function adaptersCommand(clients: () => AdapterClients = defaultClients): Command {
  const command = new Command('adapters').description(
    'the adapter service (ECS): ADAPTER_CLUSTER_NAME / ADAPTER_SERVICE_NAME (default nfse / adapters); AWS credentials, or AWS_ENDPOINT_URL and NFSE_ADAPTER_AUTOSCALING=off for the local cloud',
  );
  command
    .command('status')
    .description('desired, running and pending adapter tasks, and the autoscaling bounds')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await adaptersStatus(clients(), adapterServiceFromEnv());
      printResult(options.json === true, status, () => `${status.cluster}/${status.service}: ${status.running} running, ${status.pending} pending, ${status.desired} desired; ${describeAutoscaling(status.autoscaling)}`);
    });
  command
    .command('scale')
    .description('set the number of adapter tasks (and the autoscaling minimum, so autoscaling does not undo it); surplus tasks finish their in-flight calls before stopping')
    .argument('<count>', 'desired number of adapter tasks', (value: string) => {
      const count = Number(value);
      if (value.trim() === '' || !Number.isInteger(count) || count < 0) throw new InvalidArgumentError('must be a whole number');
      return count;
    })
    .option('--json', 'print JSON')
    .action(async (count: number, options: { json?: boolean }) => {
      const result = await scaleAdapters(clients(), adapterServiceFromEnv(), count);
      printResult(
        options.json === true,
        result,
        () => `${result.cluster}/${result.service}: desired ${result.desired}; ${describeAutoscaling(result.autoscaling)} (surplus tasks drain in-flight work before stopping)`,
      );
    });
  return command;
}
