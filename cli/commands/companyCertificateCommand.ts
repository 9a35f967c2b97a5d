import fs from 'node:fs/promises';
import { Command } from 'commander';
import type { CertificateUpload, CertificateView } from '../../contracts/certificate';
import { ApiClient } from '../ApiClient';
import { describeCertificate } from '../companies/describeCompany';
import { readPassword } from '../companies/readPassword';
import { printResult } from '../printResult';

const path = (cnpj: string): string => `/companies/${encodeURIComponent(cnpj)}/certificate`;

/** `nfse companies certificate put|get`: a company's A1 certificate (metadata only ever comes back). */
export function companyCertificateCommand(): Command {
  const command = new Command('certificate').description("a company's A1 certificate: upload (admin, ops) and metadata (every role)");
  command
    .command('put')
    .description('upload or replace the A1 certificate (.pfx) of a company; the password from --password-env, or asked on the terminal (never an argument)')
    .argument('<cnpj>')
    .requiredOption('--pfx <file>', 'the .pfx (PKCS#12) file')
    .option('--password-env <var>', 'the environment variable holding its password (default: ask on the terminal)')
    .option('--json', 'print JSON')
    .action(async (cnpj: string, options: { pfx: string; passwordEnv?: string; json?: boolean }) => {
      const pfx = await fs.readFile(options.pfx);
      const password = await readPassword({ prompt: `Password of ${options.pfx}: `, ...(options.passwordEnv !== undefined ? { envVar: options.passwordEnv } : {}) });
      const upload: CertificateUpload = { pfxBase64: pfx.toString('base64'), password };
      const view = await new ApiClient().request<CertificateView>('PUT', path(cnpj), upload);
      printResult(options.json === true, view, () => describeCertificate(cnpj, view));
    });
  command
    .command('get')
    .description("the certificate's metadata, days left and status (never key material)")
    .argument('<cnpj>')
    .option('--json', 'print JSON')
    .action(async (cnpj: string, options: { json?: boolean }) => {
      const view = await new ApiClient().request<CertificateView>('GET', path(cnpj));
      printResult(options.json === true, view, () => describeCertificate(cnpj, view));
    });
  return command;
}
