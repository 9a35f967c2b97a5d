import { substitutePlaceholders } from '../../workflows/asl/placeholders';

describe('substitutePlaceholders', () => {
  it('replaces each placeholder, escaping for JSON', () => {
    expect(substitutePlaceholders('{"t":"${InvoicesTable}","q":"${RequestsQueueUrl}"}', { InvoicesTable: 'inv"oices', RequestsQueueUrl: 'http://q' })).toBe(
      '{"t":"inv\\"oices","q":"http://q"}',
    );
  });

  it('names the placeholders left without a value', () => {
    expect(() => substitutePlaceholders('${A} ${B} ${A}', {})).toThrow('no value for placeholder(s): A, B');
  });
});
