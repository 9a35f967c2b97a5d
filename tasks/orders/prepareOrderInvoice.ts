import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PreparedInvoice } from '../../contracts/billingCycle';
import type { Company } from '../../contracts/company';
import { TomadorSchema } from '../../contracts/emitInvoiceRequest';
import { executionNames } from '../../contracts/executionNames';
import type { InvoiceRecord } from '../../contracts/invoiceRecord';
import type { MunicipalityConfig } from '../../contracts/municipality';
import { ORDER_INVOICE_REFUSED, OrderItemSchema } from '../../contracts/order';
import type { MunicipalityRegistry } from '../../lib/municipalities/registry';
import { allocateRps } from '../emit/allocateRps';
import { emissionInputOf } from '../emit/emitInvoice';
import { invoiceBookkeeping } from '../shared/invoiceBookkeeping';
import { putInvoiceUnlessRaced } from '../shared/putInvoiceUnlessRaced';
import { readInvoiceRecord } from '../shared/readInvoice';
import { isoTimestampSql, type OrdersDatabase } from './OrdersDatabase';
import { orderInvoiceId } from './orderInvoiceId';
import { z } from 'zod';

/** The saga's error for an invoice the company cannot issue: caught, the saga compensates. */
export class OrderInvoiceRefusedError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = ORDER_INVOICE_REFUSED;
  }
}

/** What preparing an order's invoice talks to. */
export interface PrepareOrderInvoiceDeps {
  readonly db: OrdersDatabase;
  readonly ddb: DynamoDBDocumentClient;
  /** A plain client (cached middleware) for the RPS counter. */
  readonly dynamodb: DynamoDBClient;
  readonly s3: S3Client;
  readonly invoicesTable: string;
  readonly docsBucket: string;
  readonly emissionStateMachineArn: string;
  readonly companyOf: (cnpj: string) => Promise<Company | undefined>;
  readonly municipalities: Pick<MunicipalityRegistry, 'get'>;
  readonly renderRps: (record: InvoiceRecord, company: Company, municipality: MunicipalityConfig) => string;
  readonly now: () => Date;
}

const OrderRowSchema = z.object({
  company_cnpj: z.string(),
  municipality_code: z.string(),
  customer: z.string().transform((text) => TomadorSchema.parse(JSON.parse(text))),
  items: z.string().transform((text) => z.array(OrderItemSchema).parse(JSON.parse(text))),
  total: z.string(),
  created_at: z.string(),
});
type OrderRow = z.infer<typeof OrderRowSchema>;

/**
 * The order's invoice, written once (its id derived from the order) with its RPS number and XML,
 * and the emission that is to issue it. A retry after the record landed finds it (and writes
 * its XML again while it is still EMITTED); an ISSUED or FAILED one is answered as it is, for the
 * saga to confirm or compensate.
 */
export async function prepareOrderInvoice(deps: PrepareOrderInvoiceDeps, orderId: string): Promise<PreparedInvoice> {
  const order = await readOrder(deps, orderId);
  const invoiceId = orderInvoiceId(orderId);
  const existing = await readInvoiceRecord(deps.ddb, deps.invoicesTable, invoiceId);
  if (existing?.status === 'EMITTED') {
    const { company, municipality } = await issuerOf(deps, order);
    await putRpsXml(deps, existing, company, municipality);
  }
  const record = existing ?? (await createRecord(deps, orderId, invoiceId, order));
  return { status: record.status, invoice: emissionInputOf(record), executionName: executionNames.emission(invoiceId), ...(record.nfseNumber !== undefined ? { nfseNumber: record.nfseNumber } : {}) };
}

async function readOrder(deps: PrepareOrderInvoiceDeps, orderId: string): Promise<OrderRow> {
  const [row] = await deps.db.query(
    `SELECT company_cnpj, municipality_code, customer::text AS customer, items::text AS items, total::text AS total, ${isoTimestampSql('created_at')} AS created_at FROM ${deps.db.schemas.orders}.pedidos WHERE order_id = :order_id`,
    { order_id: orderId },
  );
  if (row === undefined) throw new Error(`order ${orderId} has no row in ${deps.db.schemas.orders}.pedidos`);
  return OrderRowSchema.parse(row);
}

async function issuerOf(deps: PrepareOrderInvoiceDeps, order: OrderRow): Promise<{ company: Company; municipality: MunicipalityConfig }> {
  const company = await deps.companyOf(order.company_cnpj);
  if (company === undefined) throw new OrderInvoiceRefusedError(`company ${order.company_cnpj} has no record (PUT /companies/${order.company_cnpj})`);
  const municipality = deps.municipalities.get(order.municipality_code);
  if (municipality === undefined) throw new OrderInvoiceRefusedError(`municipality ${order.municipality_code} is not supported`);
  return { company, municipality };
}

function putRpsXml(deps: PrepareOrderInvoiceDeps, record: InvoiceRecord, company: Company, municipality: MunicipalityConfig): Promise<unknown> {
  return deps.s3.send(new PutObjectCommand({ Bucket: deps.docsBucket, Key: record.xmlKey, Body: deps.renderRps(record, company, municipality), ContentType: 'application/xml' }));
}

async function createRecord(deps: PrepareOrderInvoiceDeps, orderId: string, invoiceId: string, order: OrderRow): Promise<InvoiceRecord> {
  const { company, municipality } = await issuerOf(deps, order);
  const service = company.defaultService;
  if (service === undefined) throw new OrderInvoiceRefusedError(`company ${company.cnpj} has no defaultService to invoice orders with (PATCH /companies/${company.cnpj})`);
  const rps = await allocateRps(deps.dynamodb, deps.invoicesTable, company.cnpj, order.municipality_code, '1');
  const now = deps.now().toISOString();
  const lines = order.items.map((item) => `${item.quantity} × ${item.sku} a R$ ${item.unitPrice}`).join('; ');
  const record: InvoiceRecord = {
    invoiceId,
    companyCnpj: company.cnpj,
    municipalityCode: order.municipality_code,
    total: order.total,
    status: 'EMITTED',
    service: {
      code: service.code,
      description: `${service.description} — pedido ${orderId}: ${lines}`.slice(0, 2000),
      issRate: service.issRate,
      issWithheld: false,
      ...(service.municipalTaxCode !== undefined ? { municipalTaxCode: service.municipalTaxCode } : {}),
    },
    tomador: order.customer,
    competence: order.created_at.slice(0, 10),
    rps,
    provider: municipality.provider,
    createdBy: `order:${orderId}`,
    ...invoiceBookkeeping(invoiceId, now, deps.emissionStateMachineArn),
  };
  // A retry after its write landed: the record written first is the invoice.
  const written = await putInvoiceUnlessRaced(deps.ddb, deps.invoicesTable, record);
  if (written.status === 'EMITTED') await putRpsXml(deps, written, company, municipality);
  return written;
}
