/**
 * Type test of the workflow graph and of the bodies built against contracts. `npm run typecheck`
 * (which `npm test` runs beside jest) compiles it; jest does not run it. Each `@ts-expect-error` marks
 * a mistake the types must catch: if they stopped catching it, tsc would fail with "Unused
 * '@ts-expect-error' directive". Nothing here is ever executed.
 */
import type { InvoiceCancelledDetail } from '../../contracts/invoiceEvents';
import type { ProviderRequest } from '../../contracts/providerRequest';
import { defineBranch, defineWorkflow } from '../../workflows/asl/defineWorkflow';
import { jsonataObject } from '../../workflows/asl/jsonataObject';
import { askTheCity } from '../../workflows/steps/askTheCity';
import { catchInto } from '../../workflows/steps/captureError';
import { publishEvent } from '../../workflows/steps/publishEvent';
import { reportInvoice } from '../../workflows/steps/reportInvoice';
import { PROVIDER_RETRY } from '../../workflows/steps/retryPolicies';
import { updateStatus } from '../../workflows/steps/updateStatus';

const city = { timeoutSeconds: 900, retry: PROVIDER_RETRY } as const;

/** What a correct graph may do: helpers and literals mixed, and branches with names of their own. */
export const wellFormed = defineWorkflow({
  StartAt: 'Claim',
  States: {
    Claim: updateStatus({ transition: 'MarkProcessing', target: 'PROCESSING', next: 'Ask', catchers: [catchInto(['States.Timeout'], 'Failed')] }),
    Ask: askTheCity({ ...city, comment: 'ask', request: { kind: '"emit"', invoice: { total: '$t', xmlKey: '$x', nfseXmlKey: '$n' } }, catchers: [catchInto(['Provider.Rejected'], 'Failed')], next: 'Check' }),
    Check: { Type: 'Choice', Choices: [{ Condition: '{% $result.ok %}', Next: 'Fan' }], Default: 'Failed' },
    Fan: {
      Type: 'Parallel',
      // A branch may reuse an outer name (Done): its names are a set of its own.
      Branches: [defineBranch({ StartAt: 'Report', States: { Report: reportInvoice({ comment: 'report', row: { status: '"ISSUED"' }, next: 'Done' }), Done: { Type: 'Succeed' } } })],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Failed' }],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemProcessor: defineBranch({ ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }),
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    Failed: { Type: 'Fail', Error: 'Invoice.Failed' },
  },
});

export const misspeltNext = defineWorkflow({
  StartAt: 'Start',
  States: {
    // @ts-expect-error Type '"Dne"' is not assignable to the state names. Did you mean '"Done"'?
    Start: { Type: 'Pass', Next: 'Dne' },
    Done: { Type: 'Succeed' },
  },
});

export const misspeltStepNext = defineWorkflow({
  StartAt: 'Start',
  States: {
    // @ts-expect-error Type 'TaskStep<"Dne">' is not assignable to type 'State<…>' (the helper's next).
    Start: updateStatus({ transition: 'MarkIssued', target: 'ISSUED', next: 'Dne' }),
    Done: { Type: 'Succeed' },
  },
});

export const unknownDefault = defineWorkflow({
  StartAt: 'Check',
  States: {
    // @ts-expect-error Type '"Nowhere"' is not assignable to the state names (Default).
    Check: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Done' }], Default: 'Nowhere' },
    Done: { Type: 'Succeed' },
  },
});

export const unknownChoiceRuleNext = defineWorkflow({
  StartAt: 'Check',
  States: {
    // @ts-expect-error Type '"Nowhere"' is not assignable to the state names (a Choice rule's Next).
    Check: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Nowhere' }], Default: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

export const unknownCatchNext = defineWorkflow({
  StartAt: 'Ask',
  States: {
    // @ts-expect-error Type 'TaskStep<"Done" | "Nowhere">' is not assignable to type 'State<…>' (a catchInto Next).
    Ask: askTheCity({ ...city, comment: 'ask', request: { kind: '"consult"', protocol: '$p', invoice: '$i' }, catchers: [catchInto(['Provider.Rejected'], 'Nowhere')], next: 'Done' }),
    Done: { Type: 'Succeed' },
  },
});

export const unknownLiteralCatchNext = defineWorkflow({
  StartAt: 'Put',
  States: {
    // @ts-expect-error Type '"Nowhere"' is not assignable to the state names (a Catch's Next).
    Put: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Nowhere' }], Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

export const unknownStartAt = defineWorkflow({
  // @ts-expect-error Type '"Begin"' is not assignable to type '"Done"'.
  StartAt: 'Begin',
  States: { Done: { Type: 'Succeed' } },
});

export const branchLeavesItsStates = defineWorkflow({
  StartAt: 'Fan',
  States: {
    // @ts-expect-error Type '"Done"' is not assignable to type '"Inner"': a branch cannot go to an outer state.
    Fan: { Type: 'Parallel', Branches: [defineBranch({ StartAt: 'Inner', States: { Inner: { Type: 'Pass', Next: 'Done' } } })], Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
});

// @ts-expect-error Property 'protocol' is missing: a consult request must carry the batch's protocol.
export const missingRequestKey = askTheCity({ ...city, comment: 'ask', request: { kind: '"consult"', invoice: '$i' }, catchers: [], next: 'Done' });

// @ts-expect-error 'protocol' does not exist in type '{ readonly kind: "\"emit\""; … }'.
export const extraRequestKey = askTheCity({ ...city, comment: 'ask', request: { kind: '"emit"', invoice: '$i', protocol: '$p' }, catchers: [], next: 'Done' });

// @ts-expect-error Property 'cancelledAt' is missing: the InvoiceCancelled detail needs it.
export const missingDetailKey = publishEvent({ detailType: 'InvoiceCancelled', detail: { invoiceId: '$i', companyCnpj: '$c', municipalityCode: '$m', total: '$t', executionArn: '$e', nfseNumber: '$n' }, next: 'Done' });

// @ts-expect-error 'issuedAt' does not exist in the InvoiceCancelled detail.
export const extraDetailKey = jsonataObject<InvoiceCancelledDetail>({ invoiceId: '$i', companyCnpj: '$c', municipalityCode: '$m', total: '$t', executionArn: '$e', nfseNumber: '$n', cancelledAt: '$a', issuedAt: '$x' });

// @ts-expect-error 'nfseNumber' does not exist in the report row. Did you mean to write 'nfse_number'?
export const unknownColumn = reportInvoice({ comment: 'report', row: { status: '"ISSUED"', nfseNumber: '$n' }, next: 'Done' });

// @ts-expect-error Type '"\"emitt\""' is not assignable to type '"\"emit\"" | "\"consult\"" | "\"cancel\""'.
export const unknownKind = jsonataObject<ProviderRequest>({ kind: '"emitt"', invoice: '$i', taskToken: '$t', attempt: '$a', executionArn: '$e', invoiceId: '$i', companyCnpj: '$c', municipalityCode: '$m', rps: '$r' });
