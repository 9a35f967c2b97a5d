import { ListInvoicesQuerySchema } from '../../../contracts/listInvoices';
import { parseQuery } from '../../../tasks/shared/parseQuery';

describe('parseQuery', () => {
  it('applies the defaults of a valid query string', () => {
    expect(parseQuery({ queryStringParameters: { status: 'ISSUED' } }, ListInvoicesQuerySchema)).toEqual({ status: 'ISSUED', limit: 50 });
  });

  it('answers 400 naming each bad parameter plainly: unknown option, not a number, unknown parameter', () => {
    expect(() => parseQuery({ queryStringParameters: { status: 'DONE', limit: 'ten', sort: 'asc' } }, ListInvoicesQuerySchema)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        message: 'Invalid request: status must be one of EMITTED, PROCESSING, ISSUED, FAILED, CANCELLING, CANCELLED, SUBSTITUTING, SUBSTITUTED; limit must be a number; sort is not a known field',
        errors: [
          { field: 'status', message: 'must be one of EMITTED, PROCESSING, ISSUED, FAILED, CANCELLING, CANCELLED, SUBSTITUTING, SUBSTITUTED' },
          { field: 'limit', message: 'must be a number' },
          { field: 'sort', message: 'is not a known field' },
        ],
      }),
    );
  });
});
