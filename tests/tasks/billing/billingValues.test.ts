import { UlidSchema } from '../../../contracts/fields';
import { billingInvoiceId } from '../../../tasks/billing/billingInvoiceId';
import { resolveCompetencia } from '../../../tasks/billing/competenciaOf';
import { contractOf } from '../../../tasks/billing/contractOf';
import { centavosToDecimal, reaisToCentavos } from '../../../tasks/billing/money';

describe('resolveCompetencia', () => {
  it('bills the month before the run’s, in São Paulo (UTC−3)', () => {
    // 02:00 UTC on 1 February is still 31 January, 23:00, in São Paulo: the month before is December.
    expect(resolveCompetencia('auto', new Date('2026-02-01T02:00:00Z'))).toBe('2025-12');
    expect(resolveCompetencia('auto', new Date('2026-02-01T03:00:00Z'))).toBe('2026-01');
    expect(resolveCompetencia('auto', new Date('2026-01-01T05:00:00Z'))).toBe('2025-12');
  });

  it('keeps a month given as it is', () => {
    expect(resolveCompetencia('2024-07', new Date('2026-02-01T03:00:00Z'))).toBe('2024-07');
  });
});

describe('billingInvoiceId', () => {
  it('is a ULID of the first instant after the month, the same for the same issuer, month and company', () => {
    const id = billingInvoiceId('11222333000181', '2026-01', '17');

    expect(UlidSchema.safeParse(id).success).toBe(true);
    expect(billingInvoiceId('11222333000181', '2026-01', '17')).toBe(id);
    expect(id.slice(0, 10)).toBe(billingInvoiceId('11222333000181', '2026-01', '18').slice(0, 10));
    expect(billingInvoiceId('11222333000181', '2026-02', '17')).not.toBe(id);
    // 2026-02-01T00:00:00Z in Crockford base 32.
    expect(id.slice(0, 10)).toBe('01KGB7ZK00');
  });
});

describe('money', () => {
  it('turns reais into centavos without binary noise, and centavos into decimal strings', () => {
    expect(reaisToCentavos(0.29)).toBe(29);
    expect(reaisToCentavos(15000.1)).toBe(1500010);
    expect([0, 5, 100, 123456].map(centavosToDecimal)).toEqual(['0.00', '0.05', '1.00', '1234.56']);
  });
});

describe('contractOf', () => {
  it('writes the month’s contract with one line per product used, keyed by competência + company', () => {
    const contract = contractOf('2026-02', { empresaId: '7', cnpj: '11222333000181', razaoSocial: 'X', cobranca: { quantity: 3, centavos: 1000 }, pixpay: { quantity: 0, centavos: 0 } }, 42);

    expect(contract).toEqual({
      cabecalho: { cCodIntCtr: '2026-02-7', cNumCtr: '2026-02-7', nCodCli: 42, dVigInicial: '01/02/2026', dVigFinal: '28/02/2026', nDiaFat: 28, nValTotMes: 10, cCodSit: '10' },
      itensContrato: [{ itemCabecalho: { seq: 1, codServico: 'COBRANCA', quant: 3, valorUnit: 3.3333, valorTotal: 10 }, itemDescrServ: { descrCompleta: 'Cobrança bancária: 3 títulos' } }],
    });
  });
});
