import { Command, InvalidArgumentError, Option } from 'commander';
import { localDataApi, mockCity } from '../mock/localAdmin';
import { parseDuration } from '../parseDuration';
import { printResult } from '../printResult';

/** The failures the mock city injects (its `/_mock/fail` kinds). */
const FAILURE_KINDS = {
  transient5xx: 'HTTP 503: Provider.Transient, retried with backoff',
  soapFault: 'a SOAP fault "server busy": Provider.Transient, retried',
  rejection: 'a ListaMensagemRetorno rejection (E160): Provider.Rejected, the invoice FAILED',
  acceptThenTimeout: 'processed, then never answered: Provider.Ambiguous, retried after consulting by RPS',
} as const;

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError('must be a whole number, at least 1');
  return count;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new InvalidArgumentError(`not JSON: ${value}`);
  }
}

/**
 * `nfse mock`: make things fail on the local stack, to watch the failure paths — the mock city's
 * knobs (`/_mock/fail`, `/_mock/config`) and the local Data API's outage switch.
 */
export function mockCommand(): Command {
  const command = new Command('mock').description('make the local stack fail on purpose: the mock city (NFSE_MOCK_URL, default http://127.0.0.1:4580) and the Data API outage (local cloud only)');
  command
    .command('fail')
    .description(`fail the next city calls: ${Object.entries(FAILURE_KINDS).map(([kind, what]) => `${kind} (${what})`).join('; ')}`)
    .addArgument(command.createArgument('<kind>', 'what failure').choices(Object.keys(FAILURE_KINDS)))
    .addOption(new Option('--count <n>', 'how many calls').argParser(parseCount).default(1))
    .option('--operation <operation...>', 'only these operations: GerarNfse, RecepcionarLoteRps, ConsultarLoteRps, ConsultarNfsePorRps, CancelarNfse, SubstituirNfse (default: any)')
    .option('--json', 'print JSON')
    .action(async (kind: string, options: { count: number; operation?: string[]; json?: boolean }) => {
      const answer = (await mockCity().post('fail', { kind, count: options.count, ...(options.operation !== undefined ? { operations: options.operation } : {}) })) as { pending: number };
      printResult(options.json === true, answer, () => `the next ${options.count} ${options.operation?.join('/') ?? 'city'} call(s) fail with ${kind} (${answer.pending} failure(s) queued)`);
    });
  command
    .command('config')
    .description('show the mock city\'s knobs, or change some: a JSON object, e.g. \'{"latencyMs": 2000}\', \'{"errorRates": {"transient5xx": 0.2}}\', \'{"rejectCancellations": true}\', \'{"cityModes": {"3550308": "async"}}\'')
    .argument('[changes]', 'the knobs to change, as JSON', parseJson)
    .action(async (changes: unknown) => {
      const knobs = changes === undefined ? await mockCity().get('config') : await mockCity().post('config', changes);
      process.stdout.write(`${JSON.stringify(knobs, null, 2)}\n`);
    });
  command
    .command('stats')
    .description('what the mock city was asked and did: calls per operation, failures injected, NFS-e issued (and substituted), per RPS')
    .action(async () => {
      process.stdout.write(`${JSON.stringify(await mockCity().get('stats'), null, 2)}\n`);
    });
  command
    .command('reset')
    .description('forget what the mock city issued and the failures queued; the knobs go back to their start values unless --keep-knobs')
    .option('--keep-knobs', 'keep the knobs as they are')
    .action(async (options: { keepKnobs?: boolean }) => {
      await mockCity().post('reset', { keepKnobs: options.keepKnobs === true });
      process.stdout.write(`the mock city is reset${options.keepKnobs === true ? ' (knobs kept)' : ''}\n`);
    });
  command
    .command('outage')
    .description('make the local RDS Data API (Aurora) answer 503 ServiceUnavailable for a while, or end it (off): executions fail at their report state, to be redriven once it is back')
    .argument('<duration>', 'how long (e.g. 90s, 5m), or off')
    .option('--cluster <arn>', 'only this DB cluster (default: every cluster of the local cloud)')
    .action(async (duration: string, options: { cluster?: string }) => {
      const seconds = duration === 'off' ? 0 : parseDuration(duration);
      await localDataApi().post('outage', { seconds, ...(options.cluster !== undefined ? { resourceArn: options.cluster } : {}) });
      process.stdout.write(seconds === 0 ? 'the RDS Data API is back\n' : `the RDS Data API answers 503 ServiceUnavailable for ${seconds} s: executions fail at their report state (redrive them once it is back)\n`);
    });
  return command;
}
