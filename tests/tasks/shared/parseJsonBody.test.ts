import { z } from 'zod';
import { EmitInvoiceRequestSchema } from '../../../contracts/emitInvoiceRequest';
import { ReprocessFailuresRequestSchema } from '../../../contracts/ops';
import { MAX_BODY_BYTES, parseJsonBody } from '../../../tasks/shared/parseJsonBody';
import { emitRequest } from '../fixtures';

const json = { 'Content-Type': 'application/json' };

describe('parseJsonBody', () => {
  it('parses a valid body', () => {
    expect(parseJsonBody({ headers: json, body: JSON.stringify(emitRequest), isBase64Encoded: false }, EmitInvoiceRequestSchema)).toEqual(emitRequest);
  });

  it('answers 415 for a body that is not JSON by content type', () => {
    expect(() => parseJsonBody({ headers: { 'content-type': 'text/plain' }, body: '{}', isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(
      expect.objectContaining({ statusCode: 415, message: "Content-Type must be application/json, got 'text/plain'" }),
    );
  });

  it('answers 413 past 256 KiB', () => {
    const body = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) });
    expect(() => parseJsonBody({ headers: json, body, isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(expect.objectContaining({ statusCode: 413 }));
  });

  it('answers 400 for malformed JSON', () => {
    expect(() => parseJsonBody({ headers: json, body: '{"a":', isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(
      expect.objectContaining({ statusCode: 400, message: expect.stringMatching(/^Request body is not valid JSON/) }),
    );
  });

  it('answers 400 for malformed JSON with where it broke, quoting none of the body (a password in it stays out of the answer and the logs)', () => {
    const outcomes = ['{"password": hunter2}', 'hunter2', '{"pfxBase64":"MIIK", "password":"hunter2" x}'].map((body) => {
      try {
        parseJsonBody({ headers: json, body, isBase64Encoded: false }, EmitInvoiceRequestSchema);
        return 'parsed';
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    });

    expect(outcomes).toEqual([
      'Request body is not valid JSON',
      'Request body is not valid JSON',
      'Request body is not valid JSON (at position 42)',
    ]);
  });

  it('answers 400 naming each bad field', () => {
    const body = JSON.stringify({ ...emitRequest, total: 10, tomador: { ...emitRequest.tomador, document: '123' } });
    expect(() => parseJsonBody({ headers: json, body, isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        errors: [
          { field: 'total', message: 'must be a string, got a number' },
          { field: 'tomador.document', message: 'must be a valid CPF (11 digits) or CNPJ (14 characters)' },
        ],
      }),
    );
  });

  it('says in words what is too short, too long, too small or too large, never zod\'s own text', () => {
    const body = JSON.stringify({ ...emitRequest, service: { ...emitRequest.service, description: '' }, tomador: { ...emitRequest.tomador, name: 'x'.repeat(151) } });
    const tooFew = JSON.stringify({ invoiceIds: [] });
    const tooMany = JSON.stringify({ invoiceIds: Array.from({ length: 501 }, () => '01JDQ7Z8X9Y0ABCDEFGHJKMNPQ') });

    const errorsOf = (raw: string, schema: Parameters<typeof parseJsonBody>[1]): unknown => {
      try {
        parseJsonBody({ headers: json, body: raw, isBase64Encoded: false }, schema);
        return 'parsed';
      } catch (error) {
        return (error as { errors?: unknown }).errors;
      }
    };

    expect(errorsOf(body, EmitInvoiceRequestSchema)).toEqual([
      { field: 'service.description', message: 'must not be empty' },
      { field: 'tomador.name', message: 'must be at most 150 characters' },
    ]);
    expect(errorsOf(tooFew, ReprocessFailuresRequestSchema)).toEqual([{ field: 'invoiceIds', message: 'must have at least 1 item' }]);
    expect(errorsOf(tooMany, ReprocessFailuresRequestSchema)).toEqual([{ field: 'invoiceIds', message: 'must have at most 500 items' }]);
    expect(errorsOf(JSON.stringify({ limit: 0 }), z.strictObject({ limit: z.number().int().min(1).max(25) }))).toEqual([{ field: 'limit', message: 'must be at least 1' }]);
  });

  it('says a missing field is required, and names a wrong JSON type plainly', () => {
    const { municipalityCode: _omitted, ...withoutCity } = emitRequest;
    const body = JSON.stringify({ ...withoutCity, service: [], tomador: { ...emitRequest.tomador, name: null } });

    expect(() => parseJsonBody({ headers: json, body, isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        message: 'Invalid request: municipalityCode is required; service must be an object, got an array; tomador.name must be a string, got null',
        errors: [
          { field: 'municipalityCode', message: 'is required' },
          { field: 'service', message: 'must be an object, got an array' },
          { field: 'tomador.name', message: 'must be a string, got null' },
        ],
      }),
    );
  });

  it('names each field the contract does not know', () => {
    const body = JSON.stringify({ ...emitRequest, discount: '1.00', tomador: { ...emitRequest.tomador, phone: '11 5555-0000' } });

    expect(() => parseJsonBody({ headers: json, body, isBase64Encoded: false }, EmitInvoiceRequestSchema)).toThrow(
      expect.objectContaining({
        statusCode: 400,
        errors: expect.arrayContaining([
          { field: 'discount', message: 'is not a known field' },
          { field: 'tomador.phone', message: 'is not a known field' },
        ]),
      }),
    );
  });
});
