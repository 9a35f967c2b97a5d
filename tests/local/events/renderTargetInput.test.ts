import type { EventBridgeEvent } from '../../../local/events/EventBridgeEvent';
import { renderInputTransformer, renderTargetInput } from '../../../local/events/renderTargetInput';
import { isValidJsonPath, selectJsonPath } from '../../../local/events/selectJsonPath';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'InvoiceIssued',
  source: 'nfse.emission',
  account: '000000000000',
  time: '2026-11-23T14:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:inv-1'],
  detail: { invoiceId: 'inv-1', attempts: 2, city: { code: '3550308', name: 'São "Paulo"' }, tags: ['a', 'b'], items: [{ qty: 1 }, { qty: 4 }] },
};
const rule = { name: 'issued', arn: 'arn:aws:events:us-east-1:000000000000:rule/issued' };
const ingestedAt = Date.parse('2026-11-23T14:00:01.500Z');

describe('selectJsonPath', () => {
  it('selects the whole event with $', () => {
    expect(selectJsonPath(event, '$')).toBe(event);
  });

  it('selects nested fields, dashed names and array indices', () => {
    expect(selectJsonPath(event, '$.detail.city.code')).toBe('3550308');
    expect(selectJsonPath(event, '$.detail-type')).toBe('InvoiceIssued');
    expect(selectJsonPath(event, '$.detail.tags[1]')).toBe('b');
    expect(selectJsonPath(event, "$.detail['invoiceId']")).toBe('inv-1');
  });

  it('fans out over a wildcard', () => {
    expect(selectJsonPath(event, '$.detail.items[*].qty')).toEqual([1, 4]);
  });

  it('returns undefined for a missing path', () => {
    expect(selectJsonPath(event, '$.detail.nothing.here')).toBeUndefined();
  });

  it('recognises invalid paths', () => {
    expect(isValidJsonPath('detail.x')).toBe(false);
    expect(isValidJsonPath('$.detail..x')).toBe(false);
    expect(isValidJsonPath('$.detail.x')).toBe(true);
  });
});

describe('renderTargetInput', () => {
  it('sends the whole event by default', () => {
    expect(JSON.parse(renderTargetInput({}, event, rule, ingestedAt))).toEqual(event);
  });

  it('sends a constant Input as it is', () => {
    expect(renderTargetInput({ Input: '{"fixed":true}' }, event, rule, ingestedAt)).toBe('{"fixed":true}');
  });

  it('sends what InputPath selects', () => {
    expect(renderTargetInput({ InputPath: '$.detail.city' }, event, rule, ingestedAt)).toBe('{"code":"3550308","name":"São \\"Paulo\\""}');
  });
});

describe('renderInputTransformer', () => {
  const paths = { id: '$.detail.invoiceId', attempts: '$.detail.attempts', city: '$.detail.city', name: '$.detail.city.name', missing: '$.detail.nope' };

  it('puts JSON values for placeholders outside quotes', () => {
    const output = renderInputTransformer({ InputPathsMap: paths, InputTemplate: '{"invoice": <id>, "n": <attempts>, "city": <city>, "x": <missing>}' }, event, rule, ingestedAt);

    expect(JSON.parse(output)).toEqual({ invoice: 'inv-1', n: 2, city: { code: '3550308', name: 'São "Paulo"' }, x: null });
  });

  it('puts escaped text for placeholders inside strings', () => {
    const output = renderInputTransformer({ InputPathsMap: paths, InputTemplate: '{"message": "Invoice <id> issued in <name> after <attempts> tries"}' }, event, rule, ingestedAt);

    expect(JSON.parse(output)).toEqual({ message: 'Invoice inv-1 issued in São "Paulo" after 2 tries' });
  });

  it('renders a quoted string template as a JSON string', () => {
    const output = renderInputTransformer({ InputPathsMap: paths, InputTemplate: '"<id> is in state \\"<attempts>\\""' }, event, rule, ingestedAt);

    expect(output).toBe('"inv-1 is in state \\"2\\""');
  });

  it('renders a plain-text template with raw values', () => {
    const output = renderInputTransformer({ InputPathsMap: paths, InputTemplate: 'Invoice <id> tried <attempts> times' }, event, rule, ingestedAt);

    expect(output).toBe('Invoice inv-1 tried 2 times');
  });

  it('fills the predefined variables', () => {
    const output = renderInputTransformer({
      InputTemplate: '{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "envelope": <aws.events.event>, "full": <aws.events.event.json>}',
    }, event, rule, ingestedAt);
    const { detail: _detail, ...envelope } = event;

    expect(JSON.parse(output)).toEqual({ rule: 'issued', arn: rule.arn, at: '2026-11-23T14:00:01.500Z', envelope, full: event });
  });

  it('leaves unknown placeholders as they are', () => {
    const output = renderInputTransformer({ InputPathsMap: paths, InputTemplate: '"a <b> c"' }, event, rule, ingestedAt);

    expect(output).toBe('"a <b> c"');
  });
});
