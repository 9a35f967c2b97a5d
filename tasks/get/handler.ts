import { ENV } from '../../contracts/wiring';
import { awsClients } from '../shared/clients';
import { requireEnv } from '../shared/environment';
import { PageTokens } from '../shared/PageTokens';
import { routeHandler } from '../shared/routeHandler';
import { getInvoice } from './getInvoice';
import { invoiceHistory } from './invoiceHistory';

let pageTokens: PageTokens | undefined;

/** `GET /invoices/{id}[?include=xmlUrl,pdfUrl]` and `GET /invoices/{id}/history`. */
export const handler = routeHandler('get', {
  getInvoice: async ({ caller, path, query }) => {
    const { ddb, s3 } = awsClients();
    const invoice = await getInvoice({ ddb, s3, invoicesTable: requireEnv(ENV.InvoicesTable), docsBucket: requireEnv(ENV.DocsBucket) }, caller, path.id, query.include);
    return { statusCode: 200, body: invoice };
  },
  getInvoiceHistory: async ({ caller, path, query }) => {
    const { ddb, sfn } = awsClients();
    pageTokens ??= PageTokens.fromEnv();
    const stateMachineArns = { emission: requireEnv(ENV.EmissionStateMachineArn), cancellation: requireEnv(ENV.CancellationStateMachineArn), substitution: requireEnv(ENV.SubstitutionStateMachineArn) };
    return { statusCode: 200, body: await invoiceHistory({ ddb, sfn, invoicesTable: requireEnv(ENV.InvoicesTable), stateMachineArns, pageTokens }, caller, path.id, query) };
  },
});
