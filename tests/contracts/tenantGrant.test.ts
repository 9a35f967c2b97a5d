import { TenantGrantSchema } from '../../contracts/tenantGrant';

const grant = { principal: 'p', cnpjs: ['11222333000181'], updatedAt: '2026-11-01T00:00:00.000Z' };

describe('TenantGrantSchema', () => {
  it('takes an ops grant for all companies, and client and viewer grants for their CNPJs', () => {
    expect(TenantGrantSchema.safeParse({ ...grant, role: 'ops', allCompanies: true }).success).toBe(true);
    expect(TenantGrantSchema.safeParse({ ...grant, role: 'client' }).success).toBe(true);
    expect(TenantGrantSchema.safeParse({ ...grant, role: 'viewer', allCompanies: false }).success).toBe(true);
  });

  it('refuses an ops grant limited to some companies, and all companies for anyone but ops', () => {
    const message = 'an ops grant is for all companies (allCompanies: true), and only an ops grant is';

    for (const refused of [{ ...grant, role: 'ops' }, { ...grant, role: 'ops', allCompanies: false }, { ...grant, role: 'viewer', allCompanies: true }, { ...grant, role: 'client', allCompanies: true }]) {
      expect(TenantGrantSchema.safeParse(refused).error?.issues).toEqual([expect.objectContaining({ path: ['allCompanies'], message })]);
    }
  });
});
