import { ENV, type EnvName } from '../../../contracts/wiring';

/** The env var that carries each workflow's ARN to the tasks that start it (by WORKFLOWS key). */
export const WORKFLOW_ARN_ENV: Readonly<Record<string, EnvName>> = {
  emission: ENV.EmissionStateMachineArn,
  cancellation: ENV.CancellationStateMachineArn,
  substitution: ENV.SubstitutionStateMachineArn,
  webhookDelivery: ENV.WebhookDeliveryStateMachineArn,
  orderSaga: ENV.OrderSagaStateMachineArn,
  billingCycle: ENV.BillingStateMachineArn,
  cnpjSync: ENV.CnpjSyncStateMachineArn,
};
