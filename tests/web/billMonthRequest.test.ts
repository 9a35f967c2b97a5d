import { billMonthRequest, fieldMessage, previousMonthInSaoPaulo, runningRunOf } from '../../web/src/billing/billMonthRequest';
import { formatCentavos } from '../../web/src/app/format';

describe('billMonthRequest', () => {
  it('sends the month trimmed and the companies split on commas and spaces, none for every company', () => {
    expect(billMonthRequest({ competencia: ' 2026-01 ', empresaIds: '3, 17 23;x ' })).toEqual({ competencia: '2026-01', empresaIds: ['3', '17', '23', 'x'] });
    expect(billMonthRequest({ competencia: '2026-01', empresaIds: '  ' })).toEqual({ competencia: '2026-01' });
  });
});

describe('previousMonthInSaoPaulo', () => {
  it('is the month before São Paulo’s, across the year and before São Paulo’s midnight', () => {
    expect(previousMonthInSaoPaulo(new Date('2026-03-15T12:00:00Z'))).toBe('2026-02');
    expect(previousMonthInSaoPaulo(new Date('2026-01-10T12:00:00Z'))).toBe('2025-12');
    // 01:00 UTC on 1 February is still 31 January, 22:00, in São Paulo.
    expect(previousMonthInSaoPaulo(new Date('2026-02-01T01:00:00Z'))).toBe('2025-12');
  });
});

describe('runningRunOf', () => {
  it('reads the running run out of the 409’s executionArn, and nothing when the body has none', () => {
    const arn = 'arn:aws:states:us-east-1:000000000000:execution:nfse-local-BillingCycleWorkflow:scheduled-2025-12-m4x7a0b9';
    expect(runningRunOf(arn)).toEqual({ runId: 'scheduled-2025-12-m4x7a0b9', executionArn: arn });
    expect(runningRunOf(undefined)).toBeUndefined();
  });
});

describe('fieldMessage', () => {
  it('gives a field its own messages, an array item’s named by its place', () => {
    const fields = [
      { field: 'competencia', message: 'must be a month YYYY-MM (01 to 12)' },
      { field: 'empresaIds.1', message: 'must be the usage platform’s numeric company id' },
      { field: 'empresaIds', message: 'the usage platform has no company 77' },
    ];

    expect(fieldMessage(fields, 'competencia')).toBe('must be a month YYYY-MM (01 to 12)');
    expect(fieldMessage(fields, 'empresaIds')).toBe('company 2: must be the usage platform’s numeric company id; the usage platform has no company 77');
    expect(fieldMessage([], 'empresaIds')).toBeUndefined();
  });
});

describe('formatCentavos', () => {
  it('writes integer centavos as reais', () => {
    expect(formatCentavos(15300)).toBe('R$\u00a0153,00');
    expect(formatCentavos(123456789)).toBe('R$\u00a01.234.567,89');
    expect(formatCentavos(7)).toBe('R$\u00a00,07');
  });
});
