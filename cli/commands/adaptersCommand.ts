import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { adapterServiceFromEnv, ADAPTERS_ENV, describeAutoscaling, type AdapterServiceRef } from '../adapters/adapterService';
import { adaptersStatus, describeCounts, type AdapterClients } from '../adapters/adaptersStatus';
import { scaleAdapters } from '../adapters/scaleAdapters';
import { waitForAdapters } from '../adapters/waitForAdapters';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localEdgeEndpoint } from '../localEdge';
import { parseDuration } from '../parseDuration';
import { printResult } from '../printResult';

/**
 * Real clients from the environment (region, credentials, AWS_ENDPOINT_URL). With none of those
 * and the local API in use, the local cloud's edge and settings, as `npm start` prints them (said
 * on stderr), rather than the SDK's "Could not load credentials".
 */
function defaultClients(): AdapterClients {
  const edge = localEdgeEndpoint();
  if (edge === undefined) return { ecs: new ECSClient({}), autoscaling: new ApplicationAutoScalingClient({}) };
  process.stderr.write(`no AWS_ENDPOINT_URL or AWS credentials: using the local cloud at ${edge} (${ADAPTERS_ENV.Autoscaling}=off)\n`);
  const config = { endpoint: edge, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  return { ecs: new ECSClient(config), autoscaling: new ApplicationAutoScalingClient(config) };
}

/** The adapter service; on the local cloud's defaults, without Application Auto Scaling (it has none). */
function serviceRef(): AdapterServiceRef {
  return localEdgeEndpoint() !== undefined ? adapterServiceFromEnv({ ...process.env, [ADAPTERS_ENV.Autoscaling]: 'off' }) : adapterServiceFromEnv();
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
    .description('running, pending (starting), draining (stopping after their in-flight calls) and desired adapter tasks, and the autoscaling bounds')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const status = await adaptersStatus(clients(), serviceRef());
      printResult(options.json === true, status, () => `${status.cluster}/${status.service}: ${describeCounts(status)}; ${describeAutoscaling(status.autoscaling)}`);
    });
  command
    .command('scale')
    .description('set the number of adapter tasks (and the autoscaling minimum, so autoscaling does not undo it); surplus tasks finish their in-flight calls before stopping')
    .argument('<count>', 'desired number of adapter tasks', (value: string) => {
      const count = Number(value);
      if (value.trim() === '' || !Number.isInteger(count) || count < 0) throw new InvalidArgumentError('must be a whole number');
      return count;
    })
    .option('--wait', 'wait until exactly N tasks run and none is starting or draining, printing the counts as they change (stderr)')
    .addOption(new Option('--timeout <duration>', 'with --wait: give up (exit 1) after this long, e.g. 90s, 10m').argParser(parseDuration).default(600, '10m'))
    .option('--json', 'print JSON')
    .action(async (count: number, options: { json?: boolean; wait?: boolean; timeout: number }) => {
      const ref = serviceRef();
      const result = await scaleAdapters(clients(), ref, count);
      const drain = '(surplus tasks drain in-flight work before stopping)';
      if (options.wait !== true) {
        printResult(options.json === true, result, () => `${result.cluster}/${result.service}: desired ${result.desired}; ${describeAutoscaling(result.autoscaling)} ${drain}`);
        return;
      }
      const settled = await waitForAdapters(clients(), ref, {
        timeoutSeconds: options.timeout,
        onChange: (status) => process.stderr.write(`waiting: ${describeCounts(status)}\n`),
      });
      const waited = { ...result, running: settled.running, pending: settled.pending, draining: settled.draining };
      printResult(options.json === true, waited, () => `${result.cluster}/${result.service}: ${describeCounts(settled)}; ${describeAutoscaling(result.autoscaling)}`);
    });
  return command;
}
