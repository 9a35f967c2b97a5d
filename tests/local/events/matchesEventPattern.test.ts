import { matchesEventPattern } from '../../../local/events/matchesEventPattern';
import { parseEventPattern } from '../../../local/events/parseEventPattern';

const event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'InvoiceIssued',
  source: 'nfse.emission',
  account: '000000000000',
  time: '2026-11-23T14:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:inv-1'],
  detail: {
    invoiceId: 'inv-01JABC',
    status: 'ISSUED',
    municipalityCode: '3550308',
    attempts: 3,
    amount: 100.5,
    cancelled: false,
    note: null,
    tags: ['priority', 'sp'],
    provider: { name: 'abrasf-2.04', mode: 'sync' },
    items: [{ code: 'A1', qty: 2 }, { code: 'B2', qty: 5 }],
  },
};

const matches = (pattern: unknown): boolean => matchesEventPattern(parseEventPattern(JSON.stringify(pattern)), event);

describe('matchesEventPattern', () => {
  describe('exact values', () => {
    it('matches a string listed in the array', () => {
      expect(matches({ source: ['nfse.emission'] })).toBe(true);
      expect(matches({ source: ['other', 'nfse.emission'] })).toBe(true);
    });

    it('does not match a string that is not listed', () => {
      expect(matches({ source: ['nfse.cancellation'] })).toBe(false);
    });

    it('matches numbers by value and never a string of the same digits', () => {
      expect(matches({ detail: { attempts: [3] } })).toBe(true);
      expect(matches({ detail: { attempts: ['3'] } })).toBe(false);
      expect(matches({ detail: { municipalityCode: [3550308] } })).toBe(false);
    });

    it('matches booleans and null exactly', () => {
      expect(matches({ detail: { cancelled: [false] } })).toBe(true);
      expect(matches({ detail: { cancelled: [true] } })).toBe(false);
      expect(matches({ detail: { note: [null] } })).toBe(true);
      expect(matches({ detail: { status: [null] } })).toBe(false);
    });

    it('matches an array value when any element is listed', () => {
      expect(matches({ detail: { tags: ['sp'] } })).toBe(true);
      expect(matches({ resources: ['arn:aws:states:us-east-1:000000000000:execution:EmissionWorkflow:inv-1'] })).toBe(true);
      expect(matches({ detail: { tags: ['rj'] } })).toBe(false);
    });

    it('requires every field of the pattern to match', () => {
      expect(matches({ source: ['nfse.emission'], 'detail-type': ['InvoiceIssued'] })).toBe(true);
      expect(matches({ source: ['nfse.emission'], 'detail-type': ['InvoiceFailed'] })).toBe(false);
    });

    it('matches nested fields', () => {
      expect(matches({ detail: { provider: { name: ['abrasf-2.04'] } } })).toBe(true);
      expect(matches({ detail: { provider: { mode: ['async'] } } })).toBe(false);
    });

    it('matches a nested pattern against an array of objects when one element matches', () => {
      expect(matches({ detail: { items: { code: ['B2'] } } })).toBe(true);
      expect(matches({ detail: { items: { code: ['C3'] } } })).toBe(false);
    });

    it('does not match a field that is missing from the event', () => {
      expect(matches({ detail: { missing: ['x'] } })).toBe(false);
      expect(matches({ detail: { provider: { missing: { deeper: ['x'] } } } })).toBe(false);
    });

    it('does not match a leaf against an object value', () => {
      expect(matches({ detail: { provider: ['abrasf-2.04'] } })).toBe(false);
    });
  });

  describe('prefix and suffix', () => {
    it('matches a prefix', () => {
      expect(matches({ detail: { invoiceId: [{ prefix: 'inv-' }] } })).toBe(true);
      expect(matches({ detail: { invoiceId: [{ prefix: 'INV-' }] } })).toBe(false);
    });

    it('matches a prefix ignoring case', () => {
      expect(matches({ detail: { invoiceId: [{ prefix: { 'equals-ignore-case': 'INV-01' } }] } })).toBe(true);
    });

    it('matches a suffix', () => {
      expect(matches({ detail: { invoiceId: [{ suffix: 'ABC' }] } })).toBe(true);
      expect(matches({ detail: { invoiceId: [{ suffix: 'abc' }] } })).toBe(false);
    });

    it('never matches a prefix against a number', () => {
      expect(matches({ detail: { attempts: [{ prefix: '3' }] } })).toBe(false);
    });
  });

  describe('equals-ignore-case and wildcard', () => {
    it('matches ignoring case', () => {
      expect(matches({ detail: { status: [{ 'equals-ignore-case': 'issued' }] } })).toBe(true);
    });

    it('matches a wildcard', () => {
      expect(matches({ detail: { invoiceId: [{ wildcard: 'inv-*C' }] } })).toBe(true);
      expect(matches({ detail: { invoiceId: [{ wildcard: 'inv-*X' }] } })).toBe(false);
      expect(matches({ detail: { provider: { name: [{ wildcard: 'abrasf-2.0?' }] } } })).toBe(false);
    });
  });

  describe('anything-but', () => {
    it('matches anything but a value', () => {
      expect(matches({ detail: { status: [{ 'anything-but': 'FAILED' }] } })).toBe(true);
      expect(matches({ detail: { status: [{ 'anything-but': 'ISSUED' }] } })).toBe(false);
    });

    it('matches anything but a list of values', () => {
      expect(matches({ detail: { status: [{ 'anything-but': ['FAILED', 'CANCELLED'] }] } })).toBe(true);
      expect(matches({ detail: { status: [{ 'anything-but': ['FAILED', 'ISSUED'] }] } })).toBe(false);
      expect(matches({ detail: { attempts: [{ 'anything-but': [1, 2] }] } })).toBe(true);
      expect(matches({ detail: { attempts: [{ 'anything-but': [3] }] } })).toBe(false);
    });

    it('matches anything but a prefix or a suffix', () => {
      expect(matches({ detail: { invoiceId: [{ 'anything-but': { prefix: 'test-' } }] } })).toBe(true);
      expect(matches({ detail: { invoiceId: [{ 'anything-but': { prefix: 'inv-' } }] } })).toBe(false);
      expect(matches({ detail: { invoiceId: [{ 'anything-but': { suffix: 'ABC' } }] } })).toBe(false);
    });

    it('matches anything but values ignoring case', () => {
      expect(matches({ detail: { status: [{ 'anything-but': { 'equals-ignore-case': ['issued'] } }] } })).toBe(false);
    });

    it('does not match a missing field', () => {
      expect(matches({ detail: { missing: [{ 'anything-but': 'x' }] } })).toBe(false);
    });
  });

  describe('numeric', () => {
    it('matches a single comparison', () => {
      expect(matches({ detail: { amount: [{ numeric: ['>', 100] }] } })).toBe(true);
      expect(matches({ detail: { amount: [{ numeric: ['<', 100] }] } })).toBe(false);
      expect(matches({ detail: { attempts: [{ numeric: ['=', 3] }] } })).toBe(true);
    });

    it('matches a range with inclusive and exclusive bounds', () => {
      expect(matches({ detail: { amount: [{ numeric: ['>', 0, '<=', 100.5] }] } })).toBe(true);
      expect(matches({ detail: { amount: [{ numeric: ['>=', 0, '<', 100.5] }] } })).toBe(false);
    });

    it('never matches a numeric string', () => {
      expect(matches({ detail: { municipalityCode: [{ numeric: ['>', 0] }] } })).toBe(false);
    });
  });

  describe('exists', () => {
    it('matches a present field with exists true, even a null one', () => {
      expect(matches({ detail: { invoiceId: [{ exists: true }] } })).toBe(true);
      expect(matches({ detail: { note: [{ exists: true }] } })).toBe(true);
      expect(matches({ detail: { missing: [{ exists: true }] } })).toBe(false);
    });

    it('matches a missing field with exists false', () => {
      expect(matches({ detail: { missing: [{ exists: false }] } })).toBe(true);
      expect(matches({ detail: { invoiceId: [{ exists: false }] } })).toBe(false);
      expect(matches({ detail: { nothere: { deeper: [{ exists: false }] } } })).toBe(true);
    });

    it('applies only to leaves: an object field does not exist for it', () => {
      expect(matches({ detail: { provider: [{ exists: true }] } })).toBe(false);
    });
  });

  describe('$or', () => {
    it('matches when any alternative matches', () => {
      expect(matches({ source: ['nfse.emission'], $or: [{ detail: { status: ['FAILED'] } }, { detail: { attempts: [{ numeric: ['>=', 3] }] } }] })).toBe(true);
    });

    it('does not match when no alternative matches', () => {
      expect(matches({ $or: [{ detail: { status: ['FAILED'] } }, { source: ['x'] }] })).toBe(false);
    });
  });

  it('combines matchers in one array as alternatives', () => {
    expect(matches({ detail: { status: [{ prefix: 'FAIL' }, 'ISSUED'] } })).toBe(true);
  });
});

describe('parseEventPattern', () => {
  it('rejects text that is not JSON', () => {
    expect(() => parseEventPattern('{source:')).toThrow(/^Event pattern is not valid\. Reason: Filter is not valid JSON/);
  });

  it('rejects a leaf that is not an array', () => {
    expect(() => parseEventPattern('{"source":"nfse"}')).toThrow(/must be inside an array/);
  });

  it('rejects an empty array', () => {
    expect(() => parseEventPattern('{"source":[]}')).toThrow(/Empty arrays are not allowed \(at "source"\)/);
  });

  it('rejects an unknown operator', () => {
    expect(() => parseEventPattern('{"source":[{"regex":"a"}]}')).toThrow(/Unsupported content filter "regex"/);
  });

  it('rejects a bad numeric operator', () => {
    expect(() => parseEventPattern('{"n":[{"numeric":["!=",1]}]}')).toThrow(/Unrecognized numeric range operator: "!="/);
  });

  it('rejects an exists that is not a boolean', () => {
    expect(() => parseEventPattern('{"n":[{"exists":"yes"}]}')).toThrow(/exists match pattern must be either true or false/);
  });

  it('rejects an array that is not a pattern', () => {
    expect(() => parseEventPattern('[1]')).toThrow(/Filter is not an object/);
  });
});
