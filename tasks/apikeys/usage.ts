import { GetApiKeyCommand, GetUsageCommand, NotFoundException, type ApiKey } from '@aws-sdk/client-api-gateway';
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { INVOICE_INDEXES } from '../../contracts/invoiceRecord';
import type { UsageView } from '../../contracts/usage';
import { usagePlanView } from '../../contracts/usagePlans';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ForbiddenError } from '../shared/errors';
import { viewOf, type ApiKeyDeps } from './apiKeys';

/** What the usage report reads. */
export interface UsageDeps extends ApiKeyDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly invoicesTable: string;
}

/**
 * The calling key's requests this month as API Gateway counted them (GetUsage, which lags a little
 * behind), against its plan, and the invoices emitted this month for the key's companies (the
 * caller's, for the console's and the CLI's keys) that the caller may see.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
 */
export async function usageOf(deps: UsageDeps, caller: Caller, apiKeyId: string | null | undefined): Promise<UsageView> {
  const refused = new ForbiddenError('This request was not made with an API key of a usage plan');
  if (apiKeyId === null || apiKeyId === undefined || apiKeyId === '') throw refused;
  let key: ApiKey;
  try {
    key = await deps.apigateway.send(new GetApiKeyCommand({ apiKey: apiKeyId }));
  } catch (error) {
    if (error instanceof NotFoundException) throw refused;
    throw error;
  }
  const view = viewOf(deps, key);
  if (view === undefined) throw refused;
  const today = deps.now().toISOString().slice(0, 10);
  const month = today.slice(0, 7);
  const usage = await deps.apigateway.send(new GetUsageCommand({ usagePlanId: deps.usagePlanIds[view.plan], keyId: apiKeyId, startDate: `${month}-01`, endDate: today }));
  const used = (usage.items?.[apiKeyId] ?? []).reduce((sum, [requests = 0]) => sum + requests, 0);
  const plan = usagePlanView(view.plan);
  const companies = (view.cnpjs.length > 0 ? view.cnpjs : caller.grant.cnpjs).filter((cnpj) => mayAccessCompany(caller, cnpj));
  let emitted = 0;
  for (const cnpj of companies) emitted += await countInvoices(deps, cnpj, month);
  return {
    month,
    apiKey: { id: view.id, name: view.name, plan: view.plan, prefix: view.prefix },
    plan,
    requests: { used, quota: plan.quota.limit, remaining: Math.max(0, plan.quota.limit - used) },
    invoices: { emitted, companies },
  };
}

/** A company's invoices created in the month, counted on the `byCompany` index. */
async function countInvoices(deps: UsageDeps, cnpj: string, month: string): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await deps.ddb.send(
      new QueryCommand({
        TableName: deps.invoicesTable,
        IndexName: INVOICE_INDEXES.byCompany,
        KeyConditionExpression: 'companyCnpj = :company AND begins_with(companyCreatedAt, :month)',
        ExpressionAttributeValues: { ':company': cnpj, ':month': month },
        Select: 'COUNT',
        ...(start !== undefined ? { ExclusiveStartKey: start } : {}),
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
}
