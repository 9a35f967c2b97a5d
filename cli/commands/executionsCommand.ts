import { Command, Option } from 'commander';
import type { operations } from '../../clients/typescript/src';
import { ListedWorkflowSchema, type ExecutionDetail, type RedriveExecutionsResponse, type StartedExecution } from '../../contracts/ops';
import { ApiClient } from '../ApiClient';
import { followExecutionDetail } from '../executions/followExecutionDetail';
import { parseDuration } from '../parseDuration';
import { printResult } from '../printResult';

/** `GET /executions`' query: the API checks the names a user typed. */
type ExecutionsQuery = NonNullable<operations['listExecutions']['parameters']['query']>;

/** The path segment of an execution: its ARN (percent-encoded) or the name the list prints. */
function executionPath(ref: string): string {
  return encodeURIComponent(ref);
}

/** `nfse executions list|show|redrive` over the /ops API: an execution is its ARN or the name the list prints. */
export function executionsCommand(): Command {
  const command = new Command('executions').description('workflow executions (ops role); name one by the name `list` prints or by its ARN');
  command
    .command('list')
    .description('executions of a workflow, newest first')
    .option('--workflow <name>', ListedWorkflowSchema.options.join(' | '), 'emission')
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
    .argument('<execution>', 'its name (as `list` prints it) or ARN')
    .option('--json', 'print JSON')
    .action(async (ref: string, options: { json?: boolean }) => {
      const detail = await new ApiClient().request<ExecutionDetail>('GET', `/executions/${executionPath(ref)}`);
      printResult(options.json === true, detail, () => renderTimeline(detail));
    });
  command
    .command('redrive')
    .description('resume failed executions at the state where each failed')
    .argument('[executions...]', 'names (as `list` prints them) or ARNs')
    .option('--all-failed', 'every execution `failures list` shows to redrive')
    .option('--wait', 'wait until each has stopped again, printing what it does on stderr (exit 1 unless every one SUCCEEDED)')
    .addOption(new Option('--timeout <duration>', 'with --wait: give up (exit 1) after this long, e.g. 90s, 10m').argParser(parseDuration).default(300, '5m'))
    .option('--json', 'print JSON')
    .action(async (refs: string[], options: { allFailed?: boolean; wait?: boolean; timeout: number; json?: boolean }) => {
      if (options.allFailed !== true && refs.length === 0) throw new Error('name the executions to redrive, or pass --all-failed');
      const client = new ApiClient();
      const result: RedriveExecutionsResponse =
        options.allFailed === true || refs.length > 1
          ? await client.request<RedriveExecutionsResponse>('POST', '/ops/failed-executions/redrive', options.allFailed === true ? { all: true } : { executions: refs })
          : { redriven: [await client.request<StartedExecution>('POST', `/ops/executions/${executionPath(refs[0] ?? '')}/redrive`)], skipped: [] };
      const nameOf = (arn: string): string => arn.split(':').at(-1) ?? arn;
      if (options.json !== true) {
        for (const started of result.redriven) process.stdout.write(`redriven: ${nameOf(started.executionArn)}\n`);
        for (const skipped of result.skipped) process.stdout.write(`skipped ${skipped.execution}: ${skipped.reason}\n`);
      }
      if (options.wait !== true) {
        if (options.json === true) printResult(true, result, () => '');
        return;
      }
      const ended: ExecutionDetail[] = [];
      for (const started of result.redriven) ended.push(await followExecutionDetail(client, started.executionArn, options.timeout));
      if (options.json === true) printResult(true, { ...result, ended: ended.map(({ name, status, error }) => ({ name, status, ...(error !== undefined ? { error } : {}) })) }, () => '');
      else for (const detail of ended) process.stdout.write(`execution ${detail.name} ${detail.status}${detail.error !== undefined ? ` (${detail.error})` : ''}\n`);
      if (ended.some((detail) => detail.status !== 'SUCCEEDED') || result.skipped.length > 0) process.exitCode = 1;
    });
  return command;
}

function renderTimeline(detail: ExecutionDetail): string {
  const start = Date.parse(detail.startDate);
  const invoiceId = detail.name.replace(/-(r|cancel-)\d+$/, '');
  const remedy = detail.remedy === 'redrive' ? `npm run nfse -- executions redrive ${detail.name}` : detail.remedy === 'reprocess' ? `npm run nfse -- invoices reprocess ${invoiceId}` : undefined;
  const lines = [
    `${detail.name}  ${detail.status}${detail.error !== undefined ? `  ${detail.error}` : ''}`,
    ...(detail.cause !== undefined ? [`  cause: ${detail.cause}`] : []),
    ...(detail.activity !== undefined ? [`  now: ${detail.activity.description}`] : []),
    ...(remedy !== undefined ? [`  remedy: ${remedy}`] : []),
    '',
  ];
  for (const entry of detail.timeline) {
    const offset = `+${((Date.parse(entry.timestamp) - start) / 1000).toFixed(3)}s`.padStart(10);
    const what = entry.state !== undefined ? `${entry.type} ${entry.state}` : entry.type;
    lines.push(`${offset}  ${String(entry.id).padStart(4)}  ${what}${entry.error !== undefined ? `  ${entry.error}${entry.cause !== undefined ? `: ${entry.cause.slice(0, 160)}` : ''}` : ''}`);
  }
  return lines.join('\n');
}
