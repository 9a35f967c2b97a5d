import type { DescribeExecutionCommandOutput, SFNClient } from '@aws-sdk/client-sfn';
import { BatchGetCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { API_ROUTES } from '../../contracts/apiRoutes';
import { invoiceIdOfExecution } from '../../contracts/executionNames';
import { WorkflowKeySchema, type ExecutionSummary, type ListedWorkflow } from '../../contracts/ops';
import { OrderSagaInputSchema } from '../../contracts/order';
import type { Role } from '../../contracts/tenantGrant';
import { mayAccessCompany, type Caller } from '../shared/caller';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { readInvoiceFor } from '../shared/readInvoice';
import { describeOrNotFound } from '../shared/executionOrNotFound';

/** What deciding who may read an execution looks at. */
export interface ExecutionReadDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly sfn: SFNClient;
  readonly invoicesTable: string;
  /** BillingCycleWorkflow's and CnpjSyncWorkflow's state machines: their executions are no invoice's. */
  readonly billingStateMachineArns: readonly string[];
  /** OrderSagaWorkflow's state machine: its executions are an order's, read by who may read the order. */
  readonly orderSagaStateMachineArn: string;
}

/** The state machine an execution ARN belongs to (`…:execution:{machine}:{name}` → `…:stateMachine:{machine}`). */
export function stateMachineArnOfExecution(executionArn: string): string {
  return executionArn.slice(0, executionArn.lastIndexOf(':')).replace(':execution:', ':stateMachine:');
}

/** Who may read billing runs (the route table's billing routes), and so their executions. */
const BILLING_READERS: readonly Role[] = API_ROUTES.getBillingRun.auth.roles;
/** Who may read orders (the route table's), and so, for their companies' orders, the sagas' executions. */
const ORDER_READERS: readonly Role[] = API_ROUTES.getOrder.auth.roles;

/**
 * Who may read which executions: ops read all; the roles that may read billing runs, the billing
 * workflows' executions (the console's billing pages link there); anyone else only the executions
 * of their companies' invoices, traced through the execution's name, and of their companies'
 * orders (an order's saga, its company in the execution's input). Another tenant's execution is
 * the same 404 as an unknown one: existence never leaks. Answers the DescribeExecution it made to
 * decide (a saga's), for the caller to show rather than ask again.
 */
export async function assertMayReadExecution(caller: Caller, deps: ExecutionReadDeps, executionArn: string): Promise<DescribeExecutionCommandOutput | undefined> {
  if (caller.grant.allCompanies === true) return undefined;
  const notFound = new NotFoundError(`Execution ${executionArn} not found`);
  const machine = stateMachineArnOfExecution(executionArn);
  if (deps.billingStateMachineArns.includes(machine)) {
    if (BILLING_READERS.includes(caller.grant.role)) return undefined;
    throw notFound;
  }
  if (machine === deps.orderSagaStateMachineArn) {
    if (!ORDER_READERS.includes(caller.grant.role)) throw notFound;
    const execution = await describeOrNotFound(deps.sfn, executionArn, () => notFound);
    if (mayAccessCompany(caller, orderCompanyOf(execution, notFound))) return execution;
    throw notFound;
  }
  const invoiceId = invoiceIdOfExecution(executionArn.split(':').at(-1) ?? '');
  if (invoiceId === undefined) throw notFound;
  try {
    await readInvoiceFor(deps.ddb, deps.invoicesTable, caller, invoiceId);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound;
    throw error;
  }
}

/**
 * Who may list which workflow's executions, by the same rules as reading one: the invoice
 * workflows anyone who reads executions (each page then filtered to their companies' invoices,
 * {@link readableExecutions}); the billing workflows the roles that read billing runs; the orders
 * saga ops (others read their orders' sagas from their orders: naming an order's company would
 * take a DescribeExecution per listed execution). Says whether the page needs filtering.
 */
export function assertMayListWorkflow(caller: Caller, workflow: ListedWorkflow): { readonly filterByInvoice: boolean } {
  if (caller.grant.allCompanies === true) return { filterByInvoice: false };
  if (WorkflowKeySchema.safeParse(workflow).success) return { filterByInvoice: true };
  if (workflow === 'orderSaga') throw new ForbiddenError(`role ${caller.grant.role} may not list every order's saga: GET /orders lists your companies' orders, each with its saga's execution`);
  if (BILLING_READERS.includes(caller.grant.role)) return { filterByInvoice: false };
  throw new ForbiddenError(`role ${caller.grant.role} may not list the billing workflows' executions (${BILLING_READERS.join(', ')} may)`);
}

/** The company of the order a saga execution works on: the saga's input names it, as the order was recorded. */
function orderCompanyOf(execution: DescribeExecutionCommandOutput, notFound: NotFoundError): string {
  const input = OrderSagaInputSchema.safeParse(JSON.parse(execution.input ?? 'null') as unknown);
  if (!input.success) throw notFound;
  return input.data.companyCnpj;
}

/** Keeps the executions of a page whose invoices the caller may see (one BatchGet per page). */
export async function readableExecutions(caller: Caller, { ddb, invoicesTable }: Pick<ExecutionReadDeps, 'ddb' | 'invoicesTable'>, items: readonly ExecutionSummary[]): Promise<ExecutionSummary[]> {
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
