import { PageTokens } from '../../../tasks/shared/PageTokens';

describe('PageTokens', () => {
  const tokens = new PageTokens('k'.repeat(32));
  const refusal = { statusCode: 400, code: 'ValidationFailed', errors: [{ field: 'nextToken', message: 'is not a token this API gave out for this listing' }] };

  it('opens what it sealed for the same listing', () => {
    const token = tokens.seal('invoices ["A"]', { invoiceId: 'x', companyCnpj: 'A' });

    expect(tokens.open('invoices ["A"]', token)).toEqual({ invoiceId: 'x', companyCnpj: 'A' });
  });

  it('refuses a token of another listing, another key, an altered payload and a bare key', () => {
    const token = tokens.seal('invoices ["A"]', { invoiceId: 'x' });
    const [payload, mac] = token.split('.');
    const altered = `${Buffer.from(JSON.stringify({ invoiceId: 'y' })).toString('base64url')}.${mac}`;
    const candidates = [
      () => tokens.open('invoices ["B"]', token),
      () => new PageTokens('o'.repeat(32)).open('invoices ["A"]', token),
      () => tokens.open('invoices ["A"]', altered),
      () => tokens.open('invoices ["A"]', payload ?? ''),
      () => tokens.open('invoices ["A"]', `${token}.extra`),
    ];

    for (const open of candidates) expect(open).toThrow(expect.objectContaining(refusal));
  });

  it('refuses a key too short to be one', () => {
    expect(() => new PageTokens('short')).toThrow('PAGE_TOKEN_KEY must be at least 32 characters');
    expect(() => PageTokens.fromEnv({})).toThrow('environment variable PAGE_TOKEN_KEY is not set');
  });
});
