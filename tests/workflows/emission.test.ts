import fs from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import { emissionWorkflow } from '../../workflows/emission';
import { WORKFLOWS, renderDefinition } from '../../workflows/registry';
import type { State, StateMachineDefinition } from '../../workflows/asl/types';

// asl-validator ships no types; it mutates its input, so it gets a copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const validate = require('asl-validator') as (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => { isValid: boolean; errors: unknown[] };

function jsonataExpressions(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = /^\{%([\s\S]*)%\}$/.exec(value);
    if (match?.[1] !== undefined) found.push(match[1]);
  } else if (Array.isArray(value)) {
    value.forEach((item) => jsonataExpressions(item, found));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => jsonataExpressions(item, found));
  }
  return found;
}

describe('emissionWorkflow', () => {
  const definition: StateMachineDefinition = emissionWorkflow();

  it('is a valid state machine for asl-validator', () => {
    const result = validate(structuredClone(definition), { checkPaths: true, checkArn: true });

    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('holds only JSONata expressions that parse', () => {
    const expressions = jsonataExpressions(definition);

    expect(expressions.length).toBeGreaterThan(20);
    for (const expression of expressions) expect(() => jsonata(expression)).not.toThrow();
  });

  it('goes through exactly the states of the architecture, in order', () => {
    expect(Object.keys(definition.States)).toEqual([
      'MarkProcessing', 'RequestIssuance', 'CheckOutcome', 'WaitForCity', 'ConsultBatch', 'CityNeverAnswered',
      'MarkIssued', 'ReportIssued', 'PublishIssued', 'Issued',
      'MarkFailed', 'ReportFailed', 'RouteFailure', 'PublishFailed', 'InvoiceFailed',
    ]);
  });

  it('never catches or retries States.ALL', () => {
    expect(JSON.stringify(definition)).not.toContain('States.ALL');
  });

  it('catches provider failures into MarkFailed and leaves infrastructure failures uncaught', () => {
    const catchers = Object.entries(definition.States).flatMap(([name, state]: [string, State]) =>
      'Catch' in state && state.Catch !== undefined ? state.Catch.map((c) => [name, c.ErrorEquals.join(','), c.Next]) : [],
    );

    expect(catchers).toEqual([
      ['RequestIssuance', 'Provider.Rejected,Provider.DeadLettered,Provider.Transient,Provider.Ambiguous,States.Timeout', 'MarkFailed'],
      ['ConsultBatch', 'Provider.Rejected,Provider.DeadLettered,Provider.Transient,Provider.Ambiguous,States.Timeout', 'MarkFailed'],
    ]);
  });

  it('waits for the adapter with a heartbeat, a timeout and a jittered, capped backoff', () => {
    const task = definition.States.RequestIssuance;

    expect(task).toMatchObject({
      Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
      HeartbeatSeconds: 60,
      TimeoutSeconds: 900,
      Retry: [{ ErrorEquals: ['Provider.Transient', 'Provider.Ambiguous', 'States.Timeout'], IntervalSeconds: 5, MaxAttempts: 5, BackoffRate: 2, MaxDelaySeconds: 120, JitterStrategy: 'FULL' }],
    });
  });

  it('makes every status write conditional on its sources and its own target', () => {
    const conditions = ['MarkProcessing', 'MarkIssued', 'MarkFailed'].map((name) => {
      const state = definition.States[name] as unknown as { Arguments: { ConditionExpression: string; ExpressionAttributeValues: Record<string, { S?: string }> } };
      const values = state.Arguments.ExpressionAttributeValues;
      return state.Arguments.ConditionExpression.replace(/:\w+/g, (ref) => values[ref]?.S ?? ref);
    });

    expect(conditions).toEqual([
      '#status IN (EMITTED, FAILED, PROCESSING)',
      '#status IN (PROCESSING, ISSUED)',
      '#status IN (EMITTED, PROCESSING, FAILED)',
    ]);
  });

  it('matches the exported emission.asl.json (run npm run workflows:export after a change)', () => {
    const exported = fs.readFileSync(path.join(__dirname, '../../workflows', WORKFLOWS.emission.file), 'utf8');

    expect(exported).toBe(renderDefinition(definition));
  });

  it('renders the same definition as the pinned snapshot', () => {
    expect(definition).toMatchSnapshot();
  });
});
