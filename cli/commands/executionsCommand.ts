import { Command } from 'commander';
import type { operations } from '../../clients/typescript/src';
import type { ExecutionDetail } from '../../contracts/ops';
import { ApiClient } from '../ApiClient';
import { printResult } from '../printResult';

/** `GET /executions`' query: the API checks the names a user typed. */
type ExecutionsQuery = NonNullable<operations['listExecutions']['parameters']['query']>;

/** `nfse executions list|show|redrive` over the /ops API. */
export function executionsCommand(): Command {
  const command = new Command('executions').description('workflow executions (ops role)');
  command
    .command('list')
    .description('executions of a workflow, newest first')
    .option('--workflow <name>', 'emission | cancellation', 'emission')
    .option('--status <status>', 'RUNNING | SUCCEEDED | FAILED | TIMED_OUT | ABORTED')
    .option('--limit <n>', 'how many', '50')
    .option('--json', 'print JSON')
    .action(async (options: { workflow: string; status?: string; limit: string; json?: boolean }) => {
      const query = { workflow: options.workflow as ExecutionsQuery['workflow'], limit: Number(options.limit), status: options.status as ExecutionsQuery['status'] };
      const client = new ApiClient();
      const page = await client.call(client.api.GET('/executions', { params: { query } }));
      printResult(options.json === true, page, () =>
        page.items.length === 0 ? 'no executions' : page.items.map((e) => `${e.startDate}  ${e.status.padEnd(9)}  ${e.name}${e.redriveCount ? `  (redriven ${e.redriveCount}x)` : ''}\n    ${e.executionArn}`).join('\n'),
      );
    });
  command
    .command('show')
    .description('an execution as a timeline of states and events')
    .argument('<executionArn>')
    .option('--json', 'print JSON')
    .action(async (arn: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const detail = await client.call(client.api.GET('/executions/{arn}', { params: { path: { arn } } }));
      printResult(options.json === true, detail, () => renderTimeline(detail));
    });
  command
    .command('redrive')
    .description('resume a failed execution at the state where it failed')
    .argument('<executionArn>')
    .option('--json', 'print JSON')
    .action(async (arn: string, options: { json?: boolean }) => {
      const client = new ApiClient();
      const started = await client.call(client.api.POST('/ops/executions/{arn}/redrive', { params: { path: { arn } } }));
      printResult(options.json === true, started, () => `redriven: ${started.executionArn}`);
    });
  return command;
}

function renderTimeline(detail: ExecutionDetail): string {
  const start = Date.parse(detail.startDate);
  const lines = [
    `${detail.name}  ${detail.status}${detail.error !== undefined ? `  ${detail.error}` : ''}`,
    ...(detail.cause !== undefined ? [`  cause: ${detail.cause}`] : []),
    ...(detail.remedy !== 'none' ? [`  remedy: ${detail.remedy === 'redrive' ? `nfse executions redrive ${detail.executionArn}` : `nfse invoices reprocess ${detail.name.replace(/-r\d+$/, '')}`}`] : []),
    '',
  ];
  for (const entry of detail.timeline) {
    const offset = `+${((Date.parse(entry.timestamp) - start) / 1000).toFixed(3)}s`.padStart(10);
    const what = entry.state !== undefined ? `${entry.type} ${entry.state}` : entry.type;
    lines.push(`${offset}  ${String(entry.id).padStart(4)}  ${what}${entry.error !== undefined ? `  ${entry.error}${entry.cause !== undefined ? `: ${entry.cause.slice(0, 160)}` : ''}` : ''}`);
  }
  return lines.join('\n');
}
