import { Command } from 'commander';
import { ApiClient } from '../ApiClient';
import { parseDuration } from '../parseDuration';
import { printResult } from '../printResult';

interface TokenAnswer {
  readonly token: string;
  readonly principal: string;
  readonly role: string;
  readonly cnpjs: readonly string[];
  readonly apiKey: string;
  readonly expiresAt: string;
}

/** `nfse token`: a local dev token, and the grant that goes with it. */
export function tokenCommand(): Command {
  return new Command('token')
    .description('issue a local token (local cloud only) and grant it CNPJs and a role')
    .requiredOption('--cnpj <cnpj...>', 'CNPJ(s) the token may act for')
    .option('--role <role>', 'client | viewer | admin | ops', 'client')
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 1h, 7d', '1h')
    .option('--sub <principal>', 'principal name (default dev-<role>)')
    .option('--machine', 'a machine client (client credentials) instead of a person')
    .option('--json', 'print JSON')
    .action(async (options: { cnpj: string[]; role: string; ttl: string; sub?: string; machine?: boolean; json?: boolean }) => {
      const answer = await new ApiClient().request<TokenAnswer>('POST', '/local/token', {
        cnpjs: options.cnpj,
        role: options.role,
        ttlSeconds: parseDuration(options.ttl),
        ...(options.sub !== undefined ? { sub: options.sub } : {}),
        machine: options.machine === true,
      });
      printResult(options.json === true, answer, () =>
        [
          `token for ${answer.principal} (${answer.role}: ${answer.cnpjs.join(', ')}), valid until ${answer.expiresAt}:`,
          '',
          `export NFSE_TOKEN=${answer.token}`,
          `export NFSE_API_KEY=${answer.apiKey}`,
        ].join('\n'),
      );
    });
}
