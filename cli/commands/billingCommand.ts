import { Command, InvalidArgumentError } from 'commander';
import { CompetenciaSchema } from '../../contracts/billingUsage';
import { ApiClient } from '../ApiClient';
import { describeBillingRun, describeBillingRuns } from '../billing/describeBillingRun';
import { printResult } from '../printResult';

/** `nfse billing run|list|show`: usage billing runs (ops and admins). */
export function billingCommand(): Command {
  const command = new Command('billing').description('usage billing: bill a month (or reprocess some of its companies) and follow the runs');
  command
    .command('run')
    .description('starts BillingCycleWorkflow for a month; --empresa reprocesses only those companies (the usage platform’s ids)')
    .argument('<competencia>', 'the month, YYYY-MM', (value: string) => {
      if (!CompetenciaSchema.safeParse(value).success) throw new InvalidArgumentError('must be a month YYYY-MM');
      return value;
    })
    .option('--empresa <id...>', 'only these companies')
    .option('--json', 'print JSON')
    .action(async (competencia: string, options: { empresa?: string[]; json?: boolean }) => {
      const client = new ApiClient();
      const started = await client.call(client.api.POST('/billing/runs', { body: { competencia, ...(options.empresa !== undefined ? { empresaIds: options.empresa } : {}) } }));
      printResult(options.json === true, started, () => `billing run ${started.runId} started for ${started.competencia}\nfollow it: nfse billing show ${started.runId}`);
    });
  command
    .command('list')
    .description('the runs, newest first, a page at a time')
    .option('--limit <n>', 'how many per page (1-100)', '20')
    .option('--next-token <token>', 'the page after the one that printed this token')
    .option('--json', 'print JSON')
    .action(async (options: { limit: string; nextToken?: string; json?: boolean }) => {
      const client = new ApiClient();
      const query = { limit: Number(options.limit), ...(options.nextToken !== undefined ? { nextToken: options.nextToken } : {}) };
      const answer = await client.call(client.api.GET('/billing/runs', { params: { query } }));
      printResult(options.json === true, answer, () => describeBillingRuns(answer.items) + (answer.nextToken !== undefined ? `\nmore: nfse billing list --next-token ${answer.nextToken}` : ''));
    });
  command
    .command('show')
    .description('a run and each company of its month: status, total, invoice, NFS-e, error')
    .argument('<runId>', 'the run’s id (billing list)')
    .option('--json', 'print JSON')
    .action(async (runId: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const run = await client.call(client.api.GET('/billing/runs/{id}', { params: { path: { id: runId } } }));
      printResult(options.json === true, run, () => describeBillingRun(run));
    });
  return command;
}
