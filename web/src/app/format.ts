/** How the console names the system that issues an invoice. */
export function providerLabel(provider: string | undefined): string | undefined {
  if (provider === 'nacional') return 'NFS-e Nacional';
  if (provider === 'abrasf-2.04') return 'ABRASF 2.04 (municipal)';
  return provider;
}

/** `11222333000181` → `11.222.333/0001-81` (alphanumeric CNPJs too). */
export function formatCnpj(cnpj: string): string {
  return cnpj.length === 14 ? `${cnpj.slice(0, 2)}.${cnpj.slice(2, 5)}.${cnpj.slice(5, 8)}/${cnpj.slice(8, 12)}-${cnpj.slice(12)}` : cnpj;
}

const money = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/** `"1500.00"` → `R$ 1.500,00`. */
export function formatMoney(total: string): string {
  const value = Number(total);
  return Number.isFinite(value) ? money.format(value) : total;
}

/** Integer centavos (how billing keeps money) → `R$ 1.234,56`, through its decimal string as {@link formatMoney} takes it. */
export function formatCentavos(centavos: number): string {
  return formatMoney(`${Math.trunc(centavos / 100)}.${String(Math.abs(centavos % 100)).padStart(2, '0')}`);
}

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });

/** An ISO timestamp in the reader's time zone, the zone named (`7 Dec 2026, 02:44:57 GMT-3`): invoices are read across Brazil's zones. */
export function formatTime(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** How long between two ISO timestamps (or until now). */
export function formatDuration(fromIso: string, toIso?: string): string {
  const ms = (toIso === undefined ? Date.now() : Date.parse(toIso)) - Date.parse(fromIso);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The execution name out of its ARN. */
export function executionNameOf(executionArn: string): string {
  return executionArn.split(':').at(-1) ?? executionArn;
}

/** The console path of an execution. */
export function executionPath(executionArn: string): string {
  return `/executions/${encodeURIComponent(executionArn)}`;
}
