import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CompanyInputSchema, CompanySchema, type Company, type CompanyInput, type CompanyPatch, type ListCompaniesQuery, type ListCompaniesResponse } from '../../contracts/company';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { NotFoundError, PreconditionFailedError, ValidationError } from '../shared/errors';
import { fieldErrorMap } from '../shared/fieldErrorMap';
import type { PageTokens } from '../shared/PageTokens';
import { mergePatch } from './mergePatch';

/** What the company operations talk to. */
export interface CompanyDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly companiesTable: string;
  readonly now: () => Date;
}

/** A write's answer: the company as stored, and whether the write created it. */
export interface CompanyWrite {
  readonly company: Company;
  readonly created: boolean;
}

const notFound = (cnpj: string): NotFoundError => new NotFoundError(`Company ${cnpj} not found`);

/** The company as stored, or undefined (no access check: callers check first). */
export async function readCompany(deps: CompanyDeps, cnpj: string): Promise<Company | undefined> {
  const { Item } = await deps.ddb.send(new GetCommand({ TableName: deps.companiesTable, Key: { cnpj }, ConsistentRead: true }));
  if (Item === undefined) return undefined;
  const parsed = CompanySchema.safeParse(Item);
  if (!parsed.success) throw new Error(`company ${cnpj} does not match the Company contract: ${parsed.error.message}`);
  return parsed.data;
}

/** A company the caller may see; unknown or another tenant's is the same 404. */
export async function getCompanyFor(deps: CompanyDeps, caller: Caller, cnpj: string): Promise<Company> {
  const company = mayAccessCompany(caller, cnpj) ? await readCompany(deps, cnpj) : undefined;
  if (company === undefined) throw notFound(cnpj);
  return company;
}

function checkVersion(current: Company | undefined, ifMatch: number | undefined, cnpj: string): void {
  if (ifMatch === undefined) return;
  if (current === undefined) throw new PreconditionFailedError(`If-Match names version ${ifMatch} of company ${cnpj}, which does not exist yet`);
  if (current.version !== ifMatch) throw new PreconditionFailedError(`Company ${cnpj} is at version ${current.version}, not ${ifMatch}: read it again and reapply your change`);
}

/**
 * Writes `input` as the company's fields. Without `ifMatch` the last writer wins; with it the
 * write lands only on that version (412 otherwise). Every write bumps the version, conditionally,
 * so two writers never both succeed on one version.
 */
async function write(deps: CompanyDeps, caller: Caller, cnpj: string, fieldsOf: (current: Company | undefined) => CompanyInput, ifMatch: number | undefined): Promise<CompanyWrite> {
  for (let attempt = 0; ; attempt++) {
    const current = await readCompany(deps, cnpj);
    const fields = fieldsOf(current);
    checkVersion(current, ifMatch, cnpj);
    const now = deps.now().toISOString();
    const company: Company = {
      ...fields,
      cnpj,
      version: (current?.version ?? 0) + 1,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
      updatedBy: caller.principal,
      // Its own route writes the certificate part: replacing the company's fields keeps it.
      ...(current?.certificate !== undefined ? { certificate: current.certificate } : {}),
    };
    try {
      await deps.ddb.send(
        new PutCommand({
          TableName: deps.companiesTable,
          Item: company,
          ...(current === undefined ? { ConditionExpression: 'attribute_not_exists(cnpj)' } : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': current.version } }),
        }),
      );
      return { company, created: current === undefined };
    } catch (error) {
      // Someone wrote in between: with If-Match that is a 412 (the next read says so); without, write over theirs.
      if (!(error instanceof ConditionalCheckFailedException) || attempt >= 4) throw error;
    }
  }
}

/** `PUT /companies/{cnpj}`: creates or replaces the company (only one the caller may manage: 404 otherwise). */
export async function putCompany(deps: CompanyDeps, caller: Caller, cnpj: string, input: CompanyInput, ifMatch?: number): Promise<CompanyWrite> {
  if (!mayAccessCompany(caller, cnpj)) throw notFound(cnpj);
  return write(deps, caller, cnpj, () => input, ifMatch);
}

/** `PATCH /companies/{cnpj}`: merges the patch into the company; the result must still be a valid company. */
export async function patchCompany(deps: CompanyDeps, caller: Caller, cnpj: string, patch: CompanyPatch, ifMatch?: number): Promise<Company> {
  if (!mayAccessCompany(caller, cnpj)) throw notFound(cnpj);
  const { company } = await write(
    deps,
    caller,
    cnpj,
    (current) => {
      if (current === undefined) throw notFound(cnpj);
      const { cnpj: _cnpj, version: _version, createdAt: _createdAt, updatedAt: _updatedAt, updatedBy: _updatedBy, certificate: _certificate, ...fields } = current;
      const merged = CompanyInputSchema.safeParse(mergePatch(fields, patch), { error: fieldErrorMap });
      if (!merged.success) throw ValidationError.fromZod(merged.error);
      return merged.data;
    },
    ifMatch,
  );
  return company;
}

/** `GET /companies`: the caller's companies by CNPJ; ops, who see every company, page through them all. */
export async function listCompanies(deps: CompanyDeps & { readonly pageTokens: PageTokens }, caller: Caller, query: ListCompaniesQuery): Promise<ListCompaniesResponse> {
  if (caller.grant.allCompanies === true) {
    const listing = 'companies';
    const page = await deps.ddb.send(
      new ScanCommand({
        TableName: deps.companiesTable,
        Limit: query.limit,
        ...(query.nextToken !== undefined ? { ExclusiveStartKey: { cnpj: cnpjOf(deps.pageTokens.open(listing, query.nextToken)) } } : {}),
      }),
    );
    const items = (page.Items ?? []).map((item) => CompanySchema.parse(item)).sort((a, b) => a.cnpj.localeCompare(b.cnpj));
    const last = page.LastEvaluatedKey?.cnpj;
    return { items, ...(typeof last === 'string' ? { nextToken: deps.pageTokens.seal(listing, last) } : {}) };
  }
  const cnpjs = [...new Set(caller.grant.cnpjs)].sort();
  const items: Company[] = [];
  for (let i = 0; i < cnpjs.length; i += 100) {
    let keys: Array<Record<string, unknown>> = cnpjs.slice(i, i + 100).map((cnpj) => ({ cnpj }));
    while (keys.length > 0) {
      const answer = await deps.ddb.send(new BatchGetCommand({ RequestItems: { [deps.companiesTable]: { Keys: keys, ConsistentRead: true } } }));
      items.push(...(answer.Responses?.[deps.companiesTable] ?? []).map((item) => CompanySchema.parse(item)));
      keys = answer.UnprocessedKeys?.[deps.companiesTable]?.Keys ?? [];
    }
  }
  return { items: items.sort((a, b) => a.cnpj.localeCompare(b.cnpj)) };
}

function cnpjOf(position: unknown): string {
  if (typeof position !== 'string') throw new ValidationError('nextToken is not a token this API gave out for this listing', [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }]);
  return position;
}
