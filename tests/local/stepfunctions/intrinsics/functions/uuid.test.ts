import { evaluate } from '../testScope';

describe('States.UUID', () => {
  it('returns a version 4 UUID', () => {
    expect(evaluate('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('returns a new UUID on every call', () => {
    expect(evaluate('States.UUID()')).not.toBe(evaluate('States.UUID()'));
  });

  it('takes the UUID from the scope when it provides one', () => {
    expect(evaluate('States.UUID()', { randomUUID: () => 'fixed' })).toBe('fixed');
  });
});
