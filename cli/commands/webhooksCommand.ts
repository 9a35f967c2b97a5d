import { Command, InvalidArgumentError } from 'commander';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../contracts/webhookEvents';
import type { WebhookDelivery } from '../../contracts/webhookDelivery';
import type { WebhookEndpoint } from '../../contracts/webhookEndpoint';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';
import { describeDelivery, WebhookListener } from '../webhooks/WebhookListener';

function eventType(value: string, previous: WebhookEventType[] = []): WebhookEventType[] {
  if (!(WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  return [...previous, value as WebhookEventType];
}

function describeEndpoints(items: readonly WebhookEndpoint[]): string {
  if (items.length === 0) return 'no webhooks';
  const rows = items.map((item) => [item.id, item.companyCnpj, item.status + (item.failingSince !== undefined ? ` (failing since ${item.failingSince})` : ''), item.events.join(','), item.url]);
  return [['ID', 'CNPJ', 'STATUS', 'EVENTS', 'URL'], ...rows].map((row) => row.join('  ')).join('\n');
}

function describeDeliveries(items: readonly WebhookDelivery[]): string {
  if (items.length === 0) return 'no deliveries';
  return items
    .map((item) => {
      const attempts = item.attempts.map((attempt) => `    ${attempt.at}  ${attempt.outcome}${attempt.statusCode !== undefined ? ` ${attempt.statusCode}` : ''}  ${attempt.durationMs} ms${attempt.error !== undefined ? `  ${attempt.error}` : ''}`);
      return [`${item.id}  ${item.type}  ${item.status}${item.replays > 0 ? ` (replayed ${item.replays}×)` : ''}${item.error !== undefined ? `  ${item.error}` : ''}`, ...attempts].join('\n');
    })
    .join('\n');
}

/** `nfse webhooks add|list|rm|rotate|deliveries|replay|listen`. */
export function webhooksCommand(): Command {
  const command = new Command('webhooks').description("endpoints of your systems that receive a company's events, signed as Standard Webhooks");
  command
    .command('add')
    .description('registers an endpoint; prints its signing secret, shown this once')
    .requiredOption('--url <url>', 'where deliveries are POSTed (https; locally http://127.0.0.1:PORT works too)')
    .requiredOption('--event <type>', `an event type to send (repeat for more): ${WEBHOOK_EVENT_TYPES.join(', ')}`, eventType)
    .option('--company <cnpj>', "the company whose events it receives (default: the caller's only one)")
    .option('--description <text>')
    .option('--json', 'print JSON')
    .action(async (options: { url: string; event: WebhookEventType[]; company?: string; description?: string; json?: boolean }) => {
      const client = new ApiClient();
      const companyCnpj = options.company ?? (await onlyCompany(client));
      const created = await client.call(client.api.POST('/webhooks', { body: { companyCnpj, url: options.url, events: options.event, ...(options.description !== undefined ? { description: options.description } : {}) } }));
      printResult(options.json === true, created, () =>
        [`webhook ${created.id} for ${created.companyCnpj}: ${created.events.join(', ')} → ${created.url}`, `signing secret (shown this once; keep it where the receiver reads it):`, `  export NFSE_WEBHOOK_SECRET=${created.secret}`].join('\n'),
      );
    });
  command
    .command('list')
    .description("your companies' endpoints")
    .option('--company <cnpj>', 'only this company (ops: required)')
    .option('--json', 'print JSON')
    .action(async (options: { company?: string; json?: boolean }) => {
      const client = new ApiClient();
      const answer = await client.call(client.api.GET('/webhooks', { params: { query: options.company !== undefined ? { companyCnpj: options.company } : {} } }));
      printResult(options.json === true, answer, () => describeEndpoints(answer.items));
    });
  command
    .command('rm')
    .description('deletes an endpoint and its secret')
    .argument('<id>', 'endpoint id')
    .action(async (id: string) => {
      const client = new ApiClient();
      const deleted = await client.call(client.api.DELETE('/webhooks/{id}', { params: { path: { id } } }));
      process.stdout.write(`webhook ${deleted.id} deleted\n`);
    });
  command
    .command('rotate')
    .description('a new signing secret (shown once); the previous one still signs for 24 h')
    .argument('<id>', 'endpoint id')
    .action(async (id: string) => {
      const client = new ApiClient();
      const rotated = await client.call(client.api.POST('/webhooks/{id}/rotate-secret', { params: { path: { id } } }));
      process.stdout.write(`new signing secret (the previous one signs too until ${rotated.previousSecretValidUntil}):\n  export NFSE_WEBHOOK_SECRET=${rotated.secret}\n`);
    });
  command
    .command('deliveries')
    .description("an endpoint's latest deliveries, newest first, with every attempt")
    .argument('<id>', 'endpoint id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const answer = await client.call(client.api.GET('/webhooks/{id}/deliveries', { params: { path: { id } } }));
      printResult(options.json === true, answer, () => describeDeliveries(answer.items));
    });
  command
    .command('replay')
    .description('sends a delivery again: the same payload and webhook-id')
    .argument('<deliveryId>', 'delivery id ({event id}_{endpoint id})')
    .action(async (deliveryId: string) => {
      const client = new ApiClient();
      const replay = await client.call(client.api.POST('/webhooks/deliveries/{id}/replay', { params: { path: { id: deliveryId } } }));
      process.stdout.write(`replaying ${replay.deliveryId}: ${replay.executionArn}\n`);
    });
  command
    .command('listen')
    .description('a receiver for development: prints each delivery and verifies its signature (Ctrl-C stops it)')
    .option('--port <port>', 'port to listen on', (value: string) => Number.parseInt(value, 10), 4590)
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--secret-env <var>', 'the environment variable holding the signing secret', 'NFSE_WEBHOOK_SECRET')
    .action(async (options: { port: number; host: string; secretEnv: string }) => {
      const secret = process.env[options.secretEnv];
      const listener = await WebhookListener.start({
        port: options.port,
        host: options.host,
        ...(secret !== undefined && secret !== '' ? { secret } : {}),
        onDelivery: (delivery) => process.stdout.write(`${describeDelivery(delivery, new Date())}\n`),
      });
      process.stderr.write(`listening on ${listener.url}${secret === undefined || secret === '' ? ` (no ${options.secretEnv}: signatures not checked)` : ' (verifying signatures)'}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await listener.stop();
    });
  return command;
}

/** The caller's one company, for `add` without `--company`. */
async function onlyCompany(client: ApiClient): Promise<string> {
  const me = await client.call(client.api.GET('/me', {}));
  const [only, ...others] = me.cnpjs;
  if (only === undefined || others.length > 0) throw new Error('this caller has several companies (or every one): name one with --company');
  return only;
}
