import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { idempotencyKeyOf } from '../shared/idempotencyKeyOf';
import { logger } from '../shared/logger';
import { municipalityRegistry } from '../shared/municipalities';
import { routeHandler } from '../shared/routeHandler';
import { cancelInvoice } from './cancelInvoice';

/** `POST /invoices/{id}/cancel {reasonCode, reason}` (optional `Idempotency-Key`). */
export const handler = routeHandler('cancel', {
  cancelInvoice: async ({ event, caller, path, body }) => {
    const { ddb, sfn } = awsClients();
    const outcome = await cancelInvoice(
      {
        ddb,
        sfn,
        invoicesTable: requireEnv(ENV.InvoicesTable),
        requestsTable: requireEnv(ENV.RequestsTable),
        cancellationStateMachineArn: requireEnv(ENV.CancellationStateMachineArn),
        now: () => new Date(),
        municipalities: municipalityRegistry(),
      },
      caller,
      path.id,
      body,
      idempotencyKeyOf(event),
    );
    logger.appendKeys({ executionArn: outcome.body.executionArn });
    return outcome;
  },
});
