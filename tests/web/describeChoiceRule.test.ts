import { describeChoiceRule, shorten } from '../../web/src/graph/describeChoiceRule';

describe('describeChoiceRule', () => {
  it('reads a JSONata condition without its braces', () => {
    expect(describeChoiceRule({ Condition: '{% $result.outcome = "issued" %}', Next: 'A' }, 1)).toBe('$result.outcome = "issued"');
  });

  it('reads JSONPath comparisons, presence tests and their combinations', () => {
    expect(describeChoiceRule({ Variable: '$.status', StringEquals: 'ok', Next: 'A' }, 1)).toBe('$.status == "ok"');
    expect(describeChoiceRule({ Variable: '$.polls', NumericLessThanEqualsPath: '$.max', Next: 'A' }, 1)).toBe('$.polls <= "$.max"');
    expect(describeChoiceRule({ Variable: '$.token', IsPresent: false, Next: 'A' }, 1)).toBe('$.token not present');
    expect(describeChoiceRule({ And: [{ Variable: '$.a', NumericGreaterThan: 1 }, { Not: { Variable: '$.b', BooleanEquals: true } }], Next: 'A' }, 1)).toBe('$.a > 1 and not ($.b == true)');
  });

  it('falls back to the rule number when there is nothing to read', () => {
    expect(describeChoiceRule({ Next: 'A' }, 3)).toBe('Rule #3');
  });
});

describe('shorten', () => {
  it('cuts at a word end near the limit, or mid-word when there is none', () => {
    expect(shorten('$result.outcome = "accepted" and $polls < 40', 34)).toBe('$result.outcome = "accepted" and…');
    expect(shorten('Provider.DeadLettered', 10)).toBe('Provider.…');
    expect(shorten('short', 10)).toBe('short');
  });
});
