import { Command, InvalidArgumentError, Option } from 'commander';
import { ApiKeyNameSchema } from '../../contracts/apiKey';
import { CnpjSchema } from '../../contracts/fields';
import { ApiClient } from '../ApiClient';
import { describeApiKeys, describeCreatedKey, describeUsage } from '../apikeys/describeApiKeys';
import { printResult } from '../printResult';

function checked(schema: { safeParse(value: unknown): { success: boolean } }, what: string): (value: string) => string {
  return (value) => {
    if (!schema.safeParse(value).success) throw new InvalidArgumentError(`not a valid ${what}`);
    return value;
  };
}

/** `nfse api-keys create|list|revoke`: a tenant's keys, one per client application (admins). */
export function apiKeysCommand(): Command {
  const command = new Command('api-keys').description("admin: the tenant's API keys, one per client application, each on a usage plan");
  command
    .command('create')
    .description('a key for a client application; its value is printed this once')
    .requiredOption('--name <app>', 'the client application (unique in the tenant)', checked(ApiKeyNameSchema, 'name (1-64 letters, digits, spaces or . _ -)'))
    .addOption(new Option('--plan <plan>', 'its usage plan').choices(['starter', 'business']).makeOptionMandatory())
    .option('--cnpj <cnpj>', "a company the key is for (repeat; default: every company of your grant)", (value: string, previous: string[] = []) => [...previous, checked(CnpjSchema, 'CNPJ')(value)])
    .option('--json', 'print JSON')
    .action(async (options: { name: string; plan: 'starter' | 'business'; cnpj?: string[]; json?: boolean }) => {
      const client = new ApiClient();
      const key = await client.call(client.api.POST('/api-keys', { body: { name: options.name, plan: options.plan, ...(options.cnpj !== undefined ? { cnpjs: options.cnpj } : {}) } }));
      printResult(options.json === true, key, () => describeCreatedKey(key));
    });
  command
    .command('list')
    .description("the tenant's keys: id, plan, the value's first characters, never the value")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const client = new ApiClient();
      const answer = await client.call(client.api.GET('/api-keys'));
      printResult(options.json === true, answer, () => describeApiKeys(answer.items));
    });
  command
    .command('revoke')
    .description('revokes a key: the API refuses it with 403 from then on')
    .argument('<id>', "the key's id (api-keys list)")
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const key = await client.call(client.api.DELETE('/api-keys/{id}', { params: { path: { id } } }));
      printResult(options.json === true, key, () => `API key ${key.id} (${key.name}, ${key.prefix}…) revoked`);
    });
  return command;
}

/** `nfse usage`: the calling key's requests and its companies' invoices this month, against its plan. */
export function usageCommand(): Command {
  return new Command('usage')
    .description("this month's requests of the API key in use (NFSE_API_KEY) against its plan, and its companies' invoices")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const client = new ApiClient();
      const usage = await client.call(client.api.GET('/usage'));
      printResult(options.json === true, usage, () => describeUsage(usage));
    });
}
