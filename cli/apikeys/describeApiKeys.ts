import type { ApiKeyView, CreatedApiKey } from '../../contracts/apiKey';
import type { UsageView } from '../../contracts/usage';

/** One line per key: id, plan, prefix, created, name and companies. */
export function describeApiKeys(keys: readonly ApiKeyView[]): string {
  if (keys.length === 0) return 'no API keys (create one: nfse api-keys create --name APP --plan starter|business)';
  const rows = [['ID', 'PLAN', 'PREFIX', 'CREATED', 'NAME', 'COMPANIES'], ...keys.map((key) => [key.id, key.plan, `${key.prefix}…`, key.createdAt.slice(0, 10), key.name, key.cnpjs.join(' ')])];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ')).join('\n');
}

/** A key just created: its value, said to be shown this once. */
export function describeCreatedKey(key: CreatedApiKey): string {
  return [
    `API key ${key.id} created for ${key.name} (${key.plan} plan, companies ${key.cnpjs.join(' ')})`,
    `  ${key.value}`,
    'This is the only time the value is shown: store it now (send it as x-api-key, or NFSE_API_KEY for this CLI).',
  ].join('\n');
}

/** The calling key's month against its plan. */
export function describeUsage(usage: UsageView): string {
  const percent = usage.requests.quota === 0 ? 0 : (usage.requests.used / usage.requests.quota) * 100;
  return [
    `${usage.month}: key ${usage.apiKey.name} (${usage.apiKey.id}, ${usage.apiKey.prefix}…) on the ${usage.plan.name} plan`,
    `  requests  ${usage.requests.used} of ${usage.requests.quota} this month (${percent.toFixed(1)}%), ${usage.requests.remaining} left; ${usage.plan.rateLimit}/s, bursts of ${usage.plan.burstLimit}`,
    `  invoices  ${usage.invoices.emitted} emitted this month by ${usage.invoices.companies.join(' ') || 'no company'}`,
  ].join('\n');
}
