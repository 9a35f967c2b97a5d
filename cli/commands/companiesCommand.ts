import { Command } from 'commander';
import type { Company, ListCompaniesResponse } from '../../contracts/company';
import { ApiClient } from '../ApiClient';
import { certificateNow, describeCompany, describeCompanyList } from '../companies/describeCompany';
import { companyPutOf, ifMatchHeaders } from '../companies/companyWrites';
import { readJsonFile } from '../companies/readJsonFile';
import { printResult } from '../printResult';
import { companyCertificateCommand } from './companyCertificateCommand';

const path = (cnpj: string): string => `/companies/${encodeURIComponent(cnpj)}`;

/** `nfse companies put|get|list|patch|certificate`: the companies (prestadores) and their A1 certificates. */
export function companiesCommand(): Command {
  const command = new Command('companies').description('the companies you issue for and their A1 certificates (admin and ops change them; every role reads)');
  command
    .command('put')
    .description('create or replace a company from a JSON file (the PUT /companies/{cnpj} body, or a file `get --json` wrote); - reads stdin')
    .argument('<file>', 'JSON file with the company, or - for stdin')
    .option('--cnpj <cnpj>', "the company's CNPJ (default: the file's cnpj)")
    .option('--if-match <version>', "write only over this version (default: the file's version, when it has one)")
    .option('--json', 'print JSON')
    .action(async (file: string, options: { cnpj?: string; ifMatch?: string; json?: boolean }) => {
      const put = companyPutOf(await readJsonFile(file), options);
      const company = await new ApiClient().request<Company>('PUT', path(put.cnpj), put.body, ifMatchHeaders(put.ifMatch));
      printResult(options.json === true, company, () => `company ${company.cnpj} ${company.version === 1 ? 'created' : 'replaced'}\n${describeCompany(company, new Date())}`);
    });
  command
    .command('get')
    .description('a company, with its version (the ETag an If-Match names) and its certificate')
    .argument('<cnpj>')
    .option('--json', 'print JSON')
    .action(async (cnpj: string, options: { json?: boolean }) => {
      const company = await new ApiClient().request<Company>('GET', path(cnpj));
      printResult(options.json === true, company, () => describeCompany(company, new Date()));
    });
  command
    .command('list')
    .description("your companies (ops: every company), each with its certificate's status and days left")
    .option('--json', "print JSON: the companies, each certificate with its daysLeft and status as of now")
    .action(async (options: { json?: boolean }) => {
      const client = new ApiClient();
      const companies: Company[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.request<ListCompaniesResponse>('GET', `/companies?${new URLSearchParams({ limit: '100', ...(nextToken !== undefined ? { nextToken } : {}) }).toString()}`);
        companies.push(...page.items);
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
      const now = new Date();
      const items = companies.map((company) => (company.certificate === undefined ? company : { ...company, certificate: { ...company.certificate, ...certificateNow(company.certificate, now) } }));
      printResult(options.json === true, { items }, () => describeCompanyList(companies, now));
    });
  command
    .command('patch')
    .description('change some fields of a company with a JSON Merge Patch file (objects merge, null removes); - reads stdin')
    .argument('<cnpj>')
    .argument('<file>', 'JSON file with the patch, or - for stdin')
    .option('--if-match <version>', 'patch only this version (default: the version a GET just before reads)')
    .option('--json', 'print JSON')
    .action(async (cnpj: string, file: string, options: { ifMatch?: string; json?: boolean }) => {
      const patch = await readJsonFile(file);
      const client = new ApiClient();
      const ifMatch = options.ifMatch ?? String((await client.request<Company>('GET', path(cnpj))).version);
      const company = await client.request<Company>('PATCH', path(cnpj), patch, ifMatchHeaders(ifMatch));
      printResult(options.json === true, company, () => `company ${company.cnpj} patched\n${describeCompany(company, new Date())}`);
    });
  command.addCommand(companyCertificateCommand());
  return command;
}
