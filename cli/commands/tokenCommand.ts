import { Command, InvalidArgumentError, Option } from 'commander';
import { ApiClient } from '../ApiClient';
import { parseDuration } from '../parseDuration';

interface TokenAnswer {
  readonly token: string;
  readonly principal: string;
  readonly role: string;
  readonly cnpjs: readonly string[];
  readonly apiKey: string;
  readonly expiresAt: string;
}

const MIN_TTL_SECONDS = 60;
const MAX_TTL_SECONDS = 30 * 24 * 3600;

/** A token's lifetime: a duration within what the local pool signs (as Cognito's access tokens: 5 minutes to a day, here 1 minute to 30 days). */
function parseTtl(value: string): number {
  const seconds = parseDuration(value);
  if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) throw new InvalidArgumentError(`a token lives at least 60 s (1m) and at most 30 days, got ${seconds} s`);
  return seconds;
}

/**
 * `nfse token`: a local dev token, and the grant that goes with it. Only the `export` line goes to
 * stdout, so `eval "$(npm run -s nfse -- token ...)"` sets it; what it is for goes to stderr.
 */
export function tokenCommand(): Command {
  return new Command('token')
    .description('issue a local token (local cloud only) and grant it CNPJs and a role; prints the export line on stdout (eval "$(npm run -s nfse -- token --cnpj X)"), the rest on stderr')
    .requiredOption('--cnpj <cnpj...>', 'CNPJ(s) the token may act for')
    .option('--role <role>', 'client | viewer | admin | ops', 'client')
    .addOption(new Option('--ttl <duration>', 'lifetime, 1m to 30d, e.g. 30m, 1h, 7d').argParser(parseTtl).default(3600, '1h'))
    .option('--sub <principal>', 'principal name, to grant an existing principal again (default: a new one, dev-<role>-<random>)')
    .option('--machine', 'a machine client (client credentials) instead of a person')
    .option('--json', 'print JSON')
    .action(async (options: { cnpj: string[]; role: string; ttl: number; sub?: string; machine?: boolean; json?: boolean }) => {
      const client = new ApiClient();
      const answer = await client.request<TokenAnswer>('POST', '/local/token', {
        cnpjs: options.cnpj,
        role: options.role,
        ttlSeconds: options.ttl,
        ...(options.sub !== undefined ? { sub: options.sub } : {}),
        machine: options.machine === true,
      });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
        return;
      }
      process.stderr.write(`token for ${answer.principal} (${answer.role}: ${answer.cnpjs.join(', ')}), valid until ${answer.expiresAt}\n`);
      process.stdout.write(`export NFSE_TOKEN=${answer.token} NFSE_API_KEY=${answer.apiKey} NFSE_API_URL=${client.baseUrl}\n`);
    });
}
