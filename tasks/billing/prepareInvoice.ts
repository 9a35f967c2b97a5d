import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PreparedInvoice } from '../../contracts/billingCycle';
import { BILLING_ERRORS } from '../../contracts/billingErrors';
import type { CompanyUsage } from '../../contracts/billingUsage';
import type { Company } from '../../contracts/company';
import { executionNames } from '../../contracts/executionNames';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import { allocateRps } from '../emit/allocateRps';
import { emissionInputOf } from '../emit/emitInvoice';
import { invoiceBookkeeping } from '../shared/invoiceBookkeeping';
import { putInvoiceUnlessRaced } from '../shared/putInvoiceUnlessRaced';
import { readInvoiceRecord } from '../shared/readInvoice';
import { billingInvoiceId } from './billingInvoiceId';
import { BillingError } from './errors';
import { centavosToDecimal } from './money';

/** What preparing an invoice talks to. */
export interface PrepareInvoiceDeps {
  readonly ddb: DynamoDBDocumentClient;
  /** A plain client (cached middleware) for the RPS counter. */
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly invoicesTable: string;
  readonly docsBucket: string;
  readonly emissionStateMachineArn: string;
  /** The company that issues the usage invoices (prestador). */
  readonly issuerCnpj: string;
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  readonly renderRps: (record: InvoiceRecord, company: Company) => string;
  readonly now: () => Date;
}

/** The issuer has no record, or no default service to bill with: no invoice can be written. */
export class IssuerNotReadyError extends BillingError {
  public constructor(message: string) {
    super(BILLING_ERRORS.IssuerNotReady, message);
  }
}

/**
 * The invoice of the company's month, written once (its id derived from issuer, month and company)
 * with the RPS number and XML an emission needs, and the emission that is to issue it: the
 * invoice's own name while it was never emitted or is being emitted, a reprocessing
 * (`{id}-r{n}`) when an earlier emission failed.
 */
export async function prepareInvoice(deps: PrepareInvoiceDeps, competencia: string, company: CompanyUsage): Promise<PreparedInvoice> {
  const invoiceId = billingInvoiceId(deps.issuerCnpj, competencia, company.empresaId);
  const existing = await readInvoiceRecord(deps.ddb, deps.invoicesTable, invoiceId);
  // A retry after the record landed but before its RPS XML did: write the XML (the same bytes) again.
  if (existing?.status === 'EMITTED') await putRpsXml(deps, existing, await issuerOf(deps));
  const record = existing ?? (await createRecord(deps, invoiceId, competencia, company));
  const prepared = { status: record.status, invoice: emissionInputOf(record), ...(record.nfseNumber !== undefined ? { nfseNumber: record.nfseNumber } : {}) };
  if (record.status !== 'FAILED') return { ...prepared, executionName: executionNames.emission(invoiceId) };
  return { ...prepared, executionName: executionNames.reprocess(invoiceId, await claimReprocess(deps, record)) };
}

async function issuerOf(deps: PrepareInvoiceDeps): Promise<Company> {
  const issuer = await deps.companyOf(deps.issuerCnpj);
  if (issuer === undefined) throw new IssuerNotReadyError(`the billing issuer ${deps.issuerCnpj} has no company record (PUT /companies/${deps.issuerCnpj})`);
  return issuer;
}

function putRpsXml(deps: PrepareInvoiceDeps, record: InvoiceRecord, issuer: Company): Promise<unknown> {
  return deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: record.xmlKey, Body: deps.renderRps(record, issuer), ContentType: 'application/xml' }));
}

async function createRecord(deps: PrepareInvoiceDeps, invoiceId: string, competencia: string, company: CompanyUsage): Promise<InvoiceRecord> {
  const issuer = await issuerOf(deps);
  const service = issuer.defaultService;
  if (service === undefined) throw new IssuerNotReadyError(`the billing issuer ${deps.issuerCnpj} has no defaultService to bill usage with (PATCH /companies/${deps.issuerCnpj})`);
  const year = Number(competencia.slice(0, 4));
  const month = Number(competencia.slice(5, 7));
  const rps = await allocateRps(deps.dynamodb, deps.invoicesTable, issuer.cnpj, issuer.municipalityCode, '1');
  const now = deps.now().toISOString();
  const record: InvoiceRecord = {
    invoiceId,
    companyCnpj: issuer.cnpj,
    municipalityCode: issuer.municipalityCode,
    total: centavosToDecimal(company.cobranca.centavos + company.pixpay.centavos),
    status: 'EMITTED',
    service: {
      code: service.code,
      description: `Uso da plataforma em ${competencia.slice(5, 7)}/${year}: cobrança ${company.cobranca.quantity} títulos (R$ ${centavosToDecimal(company.cobranca.centavos)}), PIX Pay ${company.pixpay.quantity} motoristas (R$ ${centavosToDecimal(company.pixpay.centavos)})`,
      issRate: service.issRate,
      issWithheld: false,
      ...(service.municipalTaxCode !== undefined ? { municipalTaxCode: service.municipalTaxCode } : {}),
    },
    tomador: { document: company.cnpj, name: company.razaoSocial.slice(0, 150) },
    // The service was provided over the month: its competência is the month's last day.
    competence: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10),
    rps,
    createdBy: 'billing',
    ...invoiceBookkeeping(invoiceId, now, deps.emissionStateMachineArn),
  };
  // A retry of this task after its write landed: the record written first is the invoice.
  const written = await putInvoiceUnlessRaced(deps.ddb, deps.invoicesTable, record);
  await putRpsXml(deps, written, issuer);
  return written;
}

/** The next reprocessing of a FAILED invoice, claimed with a conditional write so two runs never start the same one. */
async function claimReprocess(deps: PrepareInvoiceDeps, record: InvoiceRecord): Promise<number> {
  const attempt = (record.reprocessCount ?? 0) + 1;
  await deps.ddb.send(
    new UpdateCommand({
      TableName: deps.invoicesTable,
      Key: { invoiceId: record.invoiceId },
      UpdateExpression: 'SET reprocessCount = :attempt',
      ConditionExpression: '#status = :failed AND (attribute_not_exists(reprocessCount) OR reprocessCount = :previous)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':attempt': attempt, ':previous': attempt - 1, ':failed': 'FAILED' },
    }),
  );
  return attempt;
}
