import type { OrderEventDetail } from '../contracts/orderEvents';
import { ORDER_INVOICE_REFUSED, type PrepareOrderInvoiceEvent } from '../contracts/order';
import { WORKFLOW_ERRORS } from '../contracts/providerErrors';
import { defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject } from './asl/jsonataObject';
import type { StateMachineDefinition } from './asl/types';
import { CAPTURE_BILLING_ERROR } from './steps/captureBillingError';
import { emitInvoiceAndWait } from './steps/emitInvoiceAndWait';
import { executeSql } from './steps/executeSql';
import { invokeFunction } from './steps/invokeFunction';
import { nudgeRelay } from './steps/nudgeRelay';
import { CONFIRM_ORDER_SQL, MARK_INVOICE_ERROR_SQL, MARK_STOCK_ERROR_SQL, RELEASE_RESERVATIONS_SQL, RESERVE_STOCK_SQL } from './steps/orderSql';


/** What the short items come to, in words: `SKU-1 (requested 3, available 1)`. */
const SHORT_MESSAGE = '"insufficient stock: " & $join($shortItems.(sku & " (requested " & $string(requested) & ", available " & $string(available) & ")"), ", ")';

/** `$error := {code, message}`: a Lambda's `{errorType, errorMessage}` or the failed emission's `{Error, Cause}` (the capture billing uses for the same two). */
const catchInvoiceFailure = <const Next extends string>(errors: readonly string[], next: Next): { ErrorEquals: readonly string[]; Next: Next; Assign: { error: typeof CAPTURE_BILLING_ERROR } } => ({
  ErrorEquals: errors,
  Next: next,
  Assign: { error: CAPTURE_BILLING_ERROR },
});

/**
 * OrderSagaWorkflow (seed 004, orchestrated): reserve every item or none → the order's invoice
 * through EmissionWorkflow (startExecution.sync:2) → CONFIRMADA; short of stock → ERRO_ESTOQUE;
 * the invoice failed → release the reservations (compensation) → FAILED. Each SQL state is one
 * statement that writes its outbox rows with the change, idempotent under retry and redrive;
 * Aurora's failures past their retries stay uncaught, so the execution fails at that state and
 * can be redriven. After each state that wrote outbox rows a NudgeRelay state wakes the relay, so
 * the events reach the bus now rather than at the schedule's next minute (a failed nudge goes on).
 */
export function orderSagaWorkflow(): StateMachineDefinition {
  return defineWorkflow({
    Comment: 'An order: stock reserved → invoice issued → CONFIRMADA; or ERRO_ESTOQUE; or the stock given back and FAILED.',
    QueryLanguage: 'JSONata',
    StartAt: 'ReserveStock',
    States: {
      ReserveStock: executeSql({
        comment: 'Every item or none, in one statement: decrement with a quantity >= requested guard, insert the reservations and ReservaConfirmada.',
        sql: RESERVE_STOCK_SQL,
        parameters: {
          order_id: { text: '$states.input.orderId' },
          items: { text: '$states.input.items' },
          event_id: { text: '$states.input.eventIds.reservationConfirmed' },
          detail: {
            text: jsonataObject<OrderEventDetail<'ReservaConfirmada'>>({
              eventId: '$states.input.eventIds.reservationConfirmed',
              orderId: '$states.input.orderId',
              companyCnpj: '$states.input.companyCnpj',
              items: '$states.input.items',
              reservedAt: '$now()',
            }),
          },
        },
        formatRecordsAs: 'JSON',
        assign: {
          order: '{% $states.input %}',
          reserved: '{% $parse($states.result.FormattedRecords)[0].reserved %}',
          shortItems: '{% $parse($parse($states.result.FormattedRecords)[0].short_items) %}',
          rereads: 0,
          prepared: null,
          error: null,
        },
        next: 'IsReserved',
      }),
      IsReserved: {
        Type: 'Choice',
        Comment: 'Reserved, or some item short (nothing was taken).',
        Choices: [{ Condition: '{% $reserved = true %}', Next: 'NudgeRelayReserved' }],
        Default: 'MarkStockError',
      },
      // ReserveStock wrote ReservaConfirmada only when it reserved: a short order has nothing to announce yet.
      NudgeRelayReserved: nudgeRelay({ next: 'PrepareInvoice' }),
      MarkStockError: executeSql({
        comment: 'ERRO_ESTOQUE with the short items; ReservaFalhou and OrderFailed in the same statement.',
        sql: MARK_STOCK_ERROR_SQL,
        parameters: {
          order_id: { text: '$order.orderId' },
          error_code: { text: `"${WORKFLOW_ERRORS.StockInsufficient}"` },
          error_message: { text: SHORT_MESSAGE },
          short_items: { text: '$shortItems' },
          reservation_failed_event_id: { text: '$order.eventIds.reservationFailed' },
          reservation_failed_detail: {
            text: jsonataObject<OrderEventDetail<'ReservaFalhou'>>({
              eventId: '$order.eventIds.reservationFailed',
              orderId: '$order.orderId',
              companyCnpj: '$order.companyCnpj',
              shortItems: '$shortItems',
              failedAt: '$now()',
            }),
          },
          failed_event_id: { text: '$order.eventIds.failed' },
          failed_detail: {
            text: jsonataObject<OrderEventDetail<'OrderFailed'>>({
              eventId: '$order.eventIds.failed',
              orderId: '$order.orderId',
              companyCnpj: '$order.companyCnpj',
              status: '"ERRO_ESTOQUE"',
              error: { code: `"${WORKFLOW_ERRORS.StockInsufficient}"`, message: SHORT_MESSAGE },
              failedAt: '$now()',
            }),
          },
        },
        next: 'NudgeRelayStockError',
      }),
      NudgeRelayStockError: nudgeRelay({ next: 'OutOfStock' }),
      OutOfStock: { Type: 'Fail', Error: WORKFLOW_ERRORS.StockInsufficient, Cause: `{% ${SHORT_MESSAGE} %}` },
      PrepareInvoice: invokeFunction({
        comment: 'The order’s invoice (its id derived from the order): written once, found again by a retry or a redrive.',
        functionArn: 'OrderInvoiceFunctionArn',
        payload: `{% ${jsonataObject<PrepareOrderInvoiceEvent>({ orderId: '$order.orderId' })} %}`,
        // Timed out: it is idempotent (the invoice's id is derived from the order), so run it again.
        retry: [{ ErrorEquals: ['Sandbox.Timedout'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
        catchers: [catchInvoiceFailure([ORDER_INVOICE_REFUSED], 'ReleaseReservations')],
        assign: { prepared: '{% $states.result.Payload %}' },
        next: 'IsIssued',
      }),
      IsIssued: {
        Type: 'Choice',
        Comment: 'The invoice record decides: ISSUED → confirm; FAILED, or still not issued once its emission has ended → compensate.',
        Choices: [
          { Condition: '{% $prepared.status = "ISSUED" %}', Next: 'ConfirmOrder', Assign: { nfseNumber: '{% $prepared.nfseNumber %}' } },
          {
            Condition: '{% $prepared.status = "FAILED" or $rereads > 0 %}',
            Next: 'ReleaseReservations',
            Assign: { error: '{% $error ? $error : {"code": "Invoice.Failed", "message": "invoice " & $prepared.invoice.invoiceId & " is " & $prepared.status} %}' },
          },
        ],
        Default: 'EmitInvoice',
      },
      EmitInvoice: emitInvoiceAndWait({
        catchers: [
          // The emission failed (Invoice.Failed, or on its own infrastructure after the city may
          // have issued), or it had closed already (a redrive of this state): the invoice record
          // says which, so look at it again before confirming or compensating.
          { ...catchInvoiceFailure(['States.TaskFailed', 'StepFunctions.ExecutionAlreadyExistsException'], 'PrepareInvoice'), Assign: { error: CAPTURE_BILLING_ERROR, rereads: '{% $rereads + 1 %}' } },
        ],
        next: 'ConfirmOrder',
      }),
      ConfirmOrder: executeSql({
        comment: 'CONFIRMADA with its invoice, the reservations consumed, OrderConfirmed: one statement.',
        sql: CONFIRM_ORDER_SQL,
        parameters: {
          order_id: { text: '$order.orderId' },
          invoice_id: { text: '$prepared.invoice.invoiceId' },
          nfse_number: { text: '$nfseNumber' },
          confirmed_event_id: { text: '$order.eventIds.confirmed' },
          confirmed_detail: {
            text: jsonataObject<OrderEventDetail<'OrderConfirmed'>>({
              eventId: '$order.eventIds.confirmed',
              orderId: '$order.orderId',
              companyCnpj: '$order.companyCnpj',
              invoiceId: '$prepared.invoice.invoiceId',
              nfseNumber: '$nfseNumber',
              confirmedAt: '$now()',
            }),
          },
        },
        next: 'NudgeRelayConfirmed',
      }),
      NudgeRelayConfirmed: nudgeRelay({ next: 'Confirmed' }),
      Confirmed: {
        Type: 'Succeed',
        Output: '{% {"orderId": $order.orderId, "status": "CONFIRMADA", "invoiceId": $prepared.invoice.invoiceId, "nfseNumber": $nfseNumber} %}',
      },
      ReleaseReservations: executeSql({
        comment: 'Compensation: every reservation still reserved is released and its units go back, once.',
        sql: RELEASE_RESERVATIONS_SQL,
        parameters: { order_id: { text: '$order.orderId' } },
        next: 'MarkInvoiceError',
      }),
      MarkInvoiceError: executeSql({
        comment: 'FAILED with the invoice’s error; OrderFailed in the same statement.',
        sql: MARK_INVOICE_ERROR_SQL,
        parameters: {
          order_id: { text: '$order.orderId' },
          error_code: { text: '$error.code' },
          error_message: { text: '$error.message' },
          invoice_id: { text: '$prepared.invoice.invoiceId' },
          failed_event_id: { text: '$order.eventIds.failed' },
          failed_detail: {
            text: jsonataObject<OrderEventDetail<'OrderFailed'>>({
              eventId: '$order.eventIds.failed',
              orderId: '$order.orderId',
              companyCnpj: '$order.companyCnpj',
              status: '"FAILED"',
              error: { code: '$error.code', message: '$error.message' },
              failedAt: '$now()',
            }),
          },
        },
        next: 'NudgeRelayFailed',
      }),
      NudgeRelayFailed: nudgeRelay({ next: 'InvoiceFailed' }),
      InvoiceFailed: { Type: 'Fail', Error: WORKFLOW_ERRORS.OrderInvoiceFailed, Cause: '{% $error.code & ": " & $error.message %}' },
    },
  });
}
