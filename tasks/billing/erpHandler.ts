import { BillingErpEventSchema } from '../../contracts/billingCycle';
import { awsClients } from '../shared/clients';
import { logger } from '../shared/logger';
import { billingClientsFromEnv, type BillingClients } from './billingClients';
import { contractOf } from './contractOf';
import type { ErpContract } from './OmieClient';
import { tracedHandler } from '../shared/tracing';

let clients: Promise<BillingClients> | undefined;

/** The company's key as a client of the ERP (`codigo_cliente_integracao`). */
export function clientKeyOf(empresaId: string): string {
  return `EMP-${empresaId}`;
}

/**
 * The ERP's Lambda (EnsureErpClient, CreateContract): idempotent calls by our keys; errors
 * thrown as `Erp.Transient`, `Erp.Redundant` or `Erp.Rejected` for the state machine to retry, wait or catch.
 */
async function handle(event: unknown): Promise<{ readonly codigoClienteOmie: number; readonly created: boolean } | ErpContract> {
  const request = BillingErpEventSchema.parse(event);
  clients ??= billingClientsFromEnv(awsClients().secrets);
  const { omie } = await clients.catch((error: unknown) => {
    clients = undefined;
    throw error;
  });
  switch (request.action) {
    case 'ensureClient': {
      const { company } = request;
      return omie.upsertClient({
        codigo_cliente_integracao: clientKeyOf(company.empresaId),
        cnpj_cpf: company.cnpj,
        razao_social: company.razaoSocial.slice(0, 60),
        ...(company.email !== undefined ? { email: company.email } : {}),
      });
    }
    case 'createContract': {
      const contract = await omie.createContract(contractOf(request.competencia, request.company, request.codigoClienteOmie));
      logger.info('contract in the ERP', { competencia: request.competencia, empresaId: request.company.empresaId, ...contract });
      return contract;
    }
    default: {
      const never: never = request;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

/** The Lambda entry point: {@link handle}, traced in Lambda (a subsegment of the invocation). */
export const handler = tracedHandler('billing-erp', handle);
