import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { invoiceIdOfExecution } from '../../contracts/executionNames';
import type { ExecutionSummary } from '../../contracts/ops';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { NotFoundError } from '../shared/errors';
import { readInvoiceFor } from '../shared/readInvoice';

/**
 * Who may read which executions: ops read all; anyone else only the executions of their
 * companies' invoices, traced through the execution's name. Another tenant's execution is the
 * same 404 as an unknown one: existence never leaks.
 */
export async function assertMayReadExecution(caller: Caller, ddb: DynamoDBDocumentClient, invoicesTable: string, executionArn: string): Promise<void> {
  if (caller.grant.allCompanies === true) return;
  const name = executionArn.split(':').at(-1) ?? '';
  const invoiceId = invoiceIdOfExecution(name);
  const notFound = new NotFoundError(`Execution ${executionArn} not found`);
  if (invoiceId === undefined) throw notFound;
  try {
    await readInvoiceFor(ddb, invoicesTable, caller, invoiceId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound;
    throw error;
  }
}

/** Keeps the executions of a page whose invoices the caller may see (one BatchGet per page). */
export async function readableExecutions(caller: Caller, ddb: DynamoDBDocumentClient, invoicesTable: string, items: readonly ExecutionSummary[]): Promise<ExecutionSummary[]> {
  if (caller.grant.allCompanies === true) return [...items];
  const ids = [...new Set(items.map((item) => invoiceIdOfExecution(item.name)).filter((id): id is string => id !== undefined))];
  const companyOf = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Array<Record<string, unknown>> | undefined = ids.slice(i, i + 100).map((invoiceId) => ({ invoiceId }));
    // BatchGet may answer part of a batch: ask again for what it left.
    while (keys !== undefined && keys.length > 0) {
      const answer: BatchGetCommandOutput = await ddb.send(new BatchGetCommand({ RequestItems: { [invoicesTable]: { Keys: keys, ProjectionExpression: 'invoiceId, companyCnpj' } } }));
      for (const item of answer.Responses?.[invoicesTable] ?? []) companyOf.set(String(item.invoiceId), String(item.companyCnpj));
      keys = answer.UnprocessedKeys?.[invoicesTable]?.Keys;
    }
  }
  return items.filter((item) => {
    const company = companyOf.get(invoiceIdOfExecution(item.name) ?? '');
    return company !== undefined && mayAccessCompany(caller, company);
  });
}
