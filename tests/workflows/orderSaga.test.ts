import { orderSagaWorkflow } from '../../workflows/orderSaga';
import type { State, StateMachineDefinition } from '../../workflows/asl/types';

describe('orderSagaWorkflow', () => {
  const definition: StateMachineDefinition = orderSagaWorkflow();
  const states = definition.States as Record<string, State & { Resource?: string; Arguments?: { Sql?: string } }>;

  it('goes through exactly the states of the saga, in order', () => {
    expect(Object.keys(definition.States)).toEqual([
      'ReserveStock', 'IsReserved', 'NudgeRelayReserved', 'MarkStockError', 'NudgeRelayStockError', 'OutOfStock',
      'PrepareInvoice', 'IsIssued', 'EmitInvoice', 'ConfirmOrder', 'NudgeRelayConfirmed', 'Confirmed',
      'ReleaseReservations', 'MarkInvoiceError', 'NudgeRelayFailed', 'InvoiceFailed',
    ]);
  });

  it('catches only the invoice’s failures by name, into the invoice record and then the compensation', () => {
    const catchers = Object.entries(definition.States).flatMap(([name, state]: [string, State]) =>
      'Catch' in state && state.Catch !== undefined ? state.Catch.map((c) => [name, c.ErrorEquals.join(','), c.Next]) : [],
    );

    expect(catchers).toEqual([
      ['NudgeRelayReserved', 'States.TaskFailed', 'PrepareInvoice'],
      ['NudgeRelayStockError', 'States.TaskFailed', 'OutOfStock'],
      ['PrepareInvoice', 'Order.InvoiceRefused', 'ReleaseReservations'],
      ['EmitInvoice', 'States.TaskFailed,StepFunctions.ExecutionAlreadyExistsException', 'PrepareInvoice'],
      ['NudgeRelayConfirmed', 'States.TaskFailed', 'Confirmed'],
      ['NudgeRelayFailed', 'States.TaskFailed', 'InvoiceFailed'],
    ]);
  });

  it('nudges the relay right after each state that wrote outbox rows, and goes on to the same next state whether the nudge worked or not', () => {
    const nudges = Object.entries(states).filter(([, state]) => state.Resource === 'arn:aws:states:::lambda:invoke' && JSON.stringify(state).includes('${OutboxRelayFunctionArn}'));
    const leadsTo = (target: string): string[] => Object.entries(definition.States).filter(([, state]) => JSON.stringify(state).includes(`"${target}"`)).map(([name]) => name);

    expect(nudges.map(([name, state]) => [leadsTo(name), name, (state as { Next?: string }).Next])).toEqual([
      [['IsReserved'], 'NudgeRelayReserved', 'PrepareInvoice'],
      [['MarkStockError'], 'NudgeRelayStockError', 'OutOfStock'],
      [['ConfirmOrder'], 'NudgeRelayConfirmed', 'Confirmed'],
      [['MarkInvoiceError'], 'NudgeRelayFailed', 'InvoiceFailed'],
    ]);
    for (const [, state] of nudges) expect(state).toMatchObject({ Arguments: { InvocationType: 'Event' } });
  });

  it('runs every stock and order change as one Data API statement, retried as infrastructure and never caught', () => {
    const sqlStates = Object.entries(states).filter(([, state]) => state.Resource === 'arn:aws:states:::aws-sdk:rdsdata:executeStatement');

    expect(sqlStates.map(([name]) => name)).toEqual(['ReserveStock', 'MarkStockError', 'ConfirmOrder', 'ReleaseReservations', 'MarkInvoiceError']);
    for (const [, state] of sqlStates) {
      expect(state).toMatchObject({ Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 6, JitterStrategy: 'FULL' }] });
      expect('Catch' in state).toBe(false);
    }
  });

  it('guards every decrement in SQL and writes the outbox rows in the same statement, once', () => {
    const sql = (name: string): string => states[name]?.Arguments?.Sql ?? '';

    expect(sql('ReserveStock')).toContain('p.quantity >= req.quantity');
    expect(sql('ReserveStock')).toContain('FOR UPDATE');
    expect(sql('ReleaseReservations')).toContain("status = 'reserved'");
    const outboxRows = ['ReserveStock', 'MarkStockError', 'ConfirmOrder', 'MarkInvoiceError'].map((name) => [name, sql(name).match(/detail_type, detail\) SELECT CAST\(:\w+ AS uuid\), [\w.:]+, 'nfse-flow\.orders', '(\w+)'/g)?.map((insert) => /'(\w+)'$/.exec(insert)?.[1])]);
    expect(outboxRows).toEqual([
      ['ReserveStock', ['ReservaConfirmada']],
      ['MarkStockError', ['ReservaFalhou', 'OrderFailed']],
      ['ConfirmOrder', ['OrderConfirmed']],
      ['MarkInvoiceError', ['OrderFailed']],
    ]);
    for (const name of ['ReserveStock', 'MarkStockError', 'ConfirmOrder', 'MarkInvoiceError']) expect(sql(name)).toContain('ON CONFLICT (event_id) DO NOTHING');
  });

  it('waits for EmissionWorkflow named after the invoice, retrying only Step Functions’ own errors, a start refused for capacity for minutes', () => {
    expect(states.EmitInvoice).toMatchObject({
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Arguments: { StateMachineArn: '${EmissionStateMachineArn}', Name: '{% $prepared.executionName %}', Input: '{% $prepared.invoice %}' },
      Retry: [
        { ErrorEquals: ['StepFunctions.AWSStepFunctionsException', 'StepFunctions.ExecutionLimitExceededException'], IntervalSeconds: 1, MaxAttempts: 30, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
        { ErrorEquals: ['StepFunctions.SdkClientException'], MaxAttempts: 6 },
      ],
    });
  });

  it('ends short of stock as Stock.Insufficient and a failed invoice as Order.InvoiceFailed', () => {
    expect([states.OutOfStock, states.InvoiceFailed].map((state) => (state as { Error?: string }).Error)).toEqual(['Stock.Insufficient', 'Order.InvoiceFailed']);
  });
});
