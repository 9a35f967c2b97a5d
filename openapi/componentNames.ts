import type { z } from 'zod';
import * as apiKey from '../contracts/apiKey';
import * as apiResponses from '../contracts/apiResponses';
import * as billingCycle from '../contracts/billingCycle';
import * as billingRuns from '../contracts/billingRuns';
import * as certificate from '../contracts/certificate';
import * as company from '../contracts/company';
import * as invoiceHistory from '../contracts/invoiceHistory';
import * as listInvoices from '../contracts/listInvoices';
import * as municipalityView from '../contracts/municipalityView';
import * as ops from '../contracts/ops';
import * as order from '../contracts/order';
import * as product from '../contracts/product';
import * as tenantGrant from '../contracts/tenantGrant';
import * as usage from '../contracts/usage';

import * as webhookDelivery from '../contracts/webhookDelivery';
import * as webhookEndpoint from '../contracts/webhookEndpoint';


/** The contract modules whose answers the route table names. */
const MODULES: ReadonlyArray<Readonly<Record<string, unknown>>> = [apiKey, apiResponses, billingCycle, billingRuns, certificate, company, invoiceHistory, listInvoices, municipalityView, ops, order, product, tenantGrant, usage, webhookDelivery, webhookEndpoint];

/**
 * Each answer contract's component name: its export without `Schema` (`CompanySchema` →
 * `Company`), so the document and the generated client say what the code says.
 */
export function responseComponentNames(): ReadonlyMap<z.ZodType, string> {
  const names = new Map<z.ZodType, string>();
  for (const module of MODULES) {
    for (const [exported, value] of Object.entries(module)) {
      if (exported.endsWith('Schema') && typeof value === 'object' && value !== null && 'safeParse' in value) names.set(value as z.ZodType, exported.slice(0, -'Schema'.length));
    }
  }
  return names;
}
