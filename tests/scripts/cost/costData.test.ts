import { PRICE_KEYS } from '../../../contracts/costModel';
import { loadPriceTable, loadProfile } from '../../../scripts/cost/costData';
import { WEBHOOK_WORKFLOWS } from '../../../workflows/registry';

describe('cost data', () => {
  it.each(['us-east-1', 'sa-east-1'])('has a dated, sourced price for every key in %s', async (region) => {
    const table = await loadPriceTable(region);

    expect(table.region).toBe(region);
    expect(Object.keys(table.prices).sort()).toEqual([...PRICE_KEYS].sort());
    for (const price of Object.values(table.prices)) expect(price.source).toMatch(/^https:\/\/(aws\.amazon\.com|docs\.aws\.amazon\.com)\//);
  });

  it('refuses an unknown region, naming the flag and the regions it has', async () => {
    await expect(loadPriceTable('xx-none-1')).rejects.toThrow("--region: no price table for 'xx-none-1' (docs/prices has sa-east-1, us-east-1)");
  });

  it('reads the committed measured profile', async () => {
    const profile = await loadProfile();

    expect(profile.scenarios.clean.issued).toBe(profile.scenarios.clean.invoices);
    expect(profile.scenarios.clean.perInvoice.stateTransitions).toBe(7);
    // The webhook fan-out as deployed, one run per issued invoice, measured apart.
    expect(profile.scenarios.clean.perInvoice.webhookFanout).toMatchObject({ type: WEBHOOK_WORKFLOWS.webhookFanout.type, executions: 1, stateTransitions: 5 });
  });
});
