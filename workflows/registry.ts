import type { WorkflowKey } from '../contracts/ops';
import type { StateMachineDefinition } from './asl/types';
import { billingCycleWorkflow } from './billingCycle';
import { cancellationWorkflow } from './cancellation';
import { cnpjSyncWorkflow } from './cnpjSync';
import { emissionWorkflow } from './emission';
import { orderSagaWorkflow } from './orderSaga';
import { substitutionWorkflow } from './substitution';
import { webhookDeliveryWorkflow } from './webhookDelivery';
import { webhookFanoutWorkflow } from './webhookFanout';

/** A state machine we deploy: its resource name and its definition (with placeholders). */
export interface WorkflowSpec {
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The file `npm run workflows:export` writes, under `workflows/`. */
  readonly file: string;
  definition(): StateMachineDefinition;
}

/** Every workflow, by key (the keys are the contract's `WorkflowKey`: one per deployed state machine). */
export const WORKFLOWS = {
  emission: { name: 'EmissionWorkflow', type: 'STANDARD', file: 'emission.asl.json', definition: () => emissionWorkflow() },
  cancellation: { name: 'CancellationWorkflow', type: 'STANDARD', file: 'cancellation.asl.json', definition: () => cancellationWorkflow() },
  substitution: { name: 'SubstitutionWorkflow', type: 'STANDARD', file: 'substitution.asl.json', definition: () => substitutionWorkflow() },
} as const satisfies Record<WorkflowKey, WorkflowSpec>;

/**
 * The billing workflows (seed 003): a registry of their own, with their own placeholders
 * (`BILLING_PLACEHOLDERS`), which the local cloud deploys beside WORKFLOWS.
 */
export const BILLING_WORKFLOWS = {
  billingCycle: { name: 'BillingCycleWorkflow', type: 'STANDARD', file: 'billingCycle.asl.json', definition: () => billingCycleWorkflow() },
  cnpjSync: { name: 'CnpjSyncWorkflow', type: 'STANDARD', file: 'cnpjSync.asl.json', definition: () => cnpjSyncWorkflow() },
} as const satisfies Record<string, WorkflowSpec>;

/**
 * The webhook workflows: deployed like the others, but apart from WORKFLOWS, whose keys are the
 * invoice workflows the executions API and the console show (`WorkflowKey`).
 */
export const WEBHOOK_WORKFLOWS = {
  webhookDelivery: { name: 'WebhookDeliveryWorkflow', type: 'STANDARD', file: 'webhookDelivery.asl.json', definition: () => webhookDeliveryWorkflow() },
  // Express: a few states started for every bus event, most finding no endpoint; see docs/capacity.md.
  webhookFanout: { name: 'WebhookFanoutWorkflow', type: 'EXPRESS', file: 'webhookFanout.asl.json', definition: () => webhookFanoutWorkflow() },
} as const satisfies Record<string, WorkflowSpec>;

/**
 * The orders saga (seed 004): a registry of its own, with its own placeholders
 * (`ORDER_PLACEHOLDERS`), which the local cloud deploys beside WORKFLOWS.
 */
export const ORDER_WORKFLOWS = {
  orderSaga: { name: 'OrderSagaWorkflow', type: 'STANDARD', file: 'orderSaga.asl.json', definition: () => orderSagaWorkflow() },
} as const satisfies Record<string, WorkflowSpec>;

/** Every workflow: what the CDK app and the local cloud deploy and `npm run workflows:export` writes. */
export const ALL_WORKFLOWS: Readonly<Record<string, WorkflowSpec>> = { ...WORKFLOWS, ...WEBHOOK_WORKFLOWS };

/** The definition as the JSON text AWS receives. */
export function renderDefinition(definition: StateMachineDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}
