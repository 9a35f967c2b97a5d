import { Command, InvalidArgumentError } from 'commander';
import type { SubstituteInvoiceRequest } from '../../clients/typescript/src';
import { ApiClient } from '../ApiClient';
import { followInvoice, printFollowed, withFollowOptions, type FollowOptions } from '../invoices/followInvoice';
import { printResult } from '../printResult';
import { readJsonFile } from '../readJsonFile';

/** `nfse substitute ID --file new.json --reason-code N [--reason TEXT]`: POST /invoices/{id}/substitute. */
export function substituteCommand(): Command {
  const command = new Command('substitute')
    .description(
      'replace an ISSUED invoice by a new one (the POST /invoices body without companyCnpj and municipalityCode, from a JSON file; - reads stdin): national cities take --reason-code 1 desenquadramento do Simples Nacional, 2 enquadramento, 3 inclusão retroativa de imunidade/isenção, 4 exclusão retroativa, 5 rejeição pelo tomador, 99 outros, with an optional --reason of 15-255 characters',
    )
    .argument('<invoiceId>', 'the ISSUED invoice to replace');
  return withFollowOptions(command, 'the new invoice is ISSUED (the old one SUBSTITUTED) or FAILED (exit 1 then)')
    .requiredOption('--file <file>', 'JSON file with the new content, or - for stdin')
    .requiredOption('--reason-code <n>', "the city's substitution code (the API's 400 names the codes it takes)", (value: string) => {
      const code = Number(value);
      if (value.trim() === '' || !Number.isInteger(code) || code < 1) throw new InvalidArgumentError('must be a positive whole number');
      return code;
    })
    .option('--reason <text>', 'why, for the city (national: 15-255 characters)')
    .option('--idempotency-key <key>', 'replaying with the same key never substitutes twice (the same content never does either)')
    .option('--json', 'print JSON')
    .action(async (invoiceId: string, options: FollowOptions & { file: string; reasonCode: number; reason?: string; idempotencyKey?: string }) => {
      const content = await readJsonFile(options.file);
      const body = { ...(content as object), reasonCode: options.reasonCode, ...(options.reason !== undefined ? { reason: options.reason } : {}) } as SubstituteInvoiceRequest;
      const client = new ApiClient();
      // The API checks the body against its contract and the city's codes, and names each bad field.
      const answer = await client.call(client.api.POST('/invoices/{id}/substitute', { params: { path: { id: invoiceId }, header: { 'Idempotency-Key': options.idempotencyKey } }, body }));
      if (options.wait === true) {
        printFollowed(await followInvoice(client, answer.invoiceId, options.timeout), options, 'ISSUED');
        return;
      }
      printResult(options.json === true, answer, () => `invoice ${answer.invoiceId} ${answer.status} replaces ${answer.substitutes}: ${answer.executionArn}; follow it with: nfse get ${answer.invoiceId}`);
    });
}
