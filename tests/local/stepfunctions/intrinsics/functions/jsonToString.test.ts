import { evaluate } from '../testScope';

describe('States.JsonToString', () => {
  it.each([
    [null, 'null'],
    [0, '0'],
    [1.1, '1.1'],
    [true, 'true'],
    ['HelloWorld', '"HelloWorld"'],
    [[1, 2, 'HelloWorld'], '[1,2,"HelloWorld"]'],
    [{ Arg1: 1, Arg2: [], s: 'ç"' }, '{"Arg1":1,"Arg2":[],"s":"ç\\""}'],
  ])('writes %j as %s', (value, expected) => {
    expect(evaluate('States.JsonToString($.v)', { input: { v: value } })).toBe(expected);
  });
});
