import { evaluate, failureOf, invalidArgumentsCause } from '../testScope';

describe('States.Base64Encode', () => {
  it.each([
    ['', ''],
    ['Data to encode', 'RGF0YSB0byBlbmNvZGU='],
    ['ção ✓', 'w6fDo28g4pyT'],
  ])('encodes %j', (text, expected) => {
    expect(evaluate('States.Base64Encode($.t)', { input: { t: text } })).toBe(expected);
  });

  it.each([[1], ['x'.repeat(10001)]])('refuses %j', (text) => {
    const expression = 'States.Base64Encode($.t)';
    expect(failureOf(expression, { input: { t: text } }).cause).toBe(invalidArgumentsCause(expression, 'States.Base64Encode'));
  });
});

describe('States.Base64Decode', () => {
  it.each([
    ['', ''],
    ['RGF0YSB0byBlbmNvZGU=', 'Data to encode'],
    ['RGF0YSB0byBlbmNvZGU', 'Data to encode'],
    ['w6fDo28g4pyT', 'ção ✓'],
  ])('decodes %j', (text, expected) => {
    expect(evaluate('States.Base64Decode($.t)', { input: { t: text } })).toBe(expected);
  });

  it.each([['not base64!'], ['A'], ['RGF0YQ=x'], ['RGF=0YQ='], [['RGF0YQ==']]])('refuses %j', (text) => {
    const expression = 'States.Base64Decode($.t)';
    expect(failureOf(expression, { input: { t: text } }).cause).toBe(invalidArgumentsCause(expression, 'States.Base64Decode'));
  });
});
