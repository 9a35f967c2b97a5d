/**
 * The README's table of supported municipalities, rendered from the built-in registry
 * (`lib/municipalities/builtInMunicipalities.ts`) so it cannot drift: a test compares the README's
 * table with this. After changing the built-in list, print it and paste it between the markers:
 *
 *   npx tsx scripts/municipalitiesTable.ts
 */
import { certificateRequired, type MunicipalityConfig } from '../contracts/municipality';
import { builtInMunicipalities } from '../lib/municipalities/builtInMunicipalities';
import { createMunicipalityRegistry } from '../lib/municipalities/registry';

/** The README markers the table sits between. */
export const TABLE_MARKERS = { start: '<!-- municipalities:start (npx tsx scripts/municipalitiesTable.ts) -->', end: '<!-- municipalities:end -->' } as const;

/** One municipality's row. */
function rowOf(m: MunicipalityConfig): string {
  const signs = m.signing.elements.length === 0 ? 'nothing' : `${m.signing.elements.map((e) => `\`${e}\``).join(', ')} (${m.signing.algorithm})`;
  const cancellation = `${m.cancellation.by === 'event' ? 'event' : 'city'}: ${m.cancellation.reasonCodes.join(', ')}${m.cancellation.reasonText !== undefined ? ` + reason ${m.cancellation.reasonText.minLength}–${m.cancellation.reasonText.maxLength} chars` : ''}`;
  const holds = [...(m.requires.inscricaoMunicipal ? ['inscrição municipal'] : []), ...(certificateRequired(m) ? ['A1 certificate'] : [])].join(', ') || '—';
  const limits = `${m.concurrency} at once${m.ratePerSecond !== undefined ? `, ${m.ratePerSecond}/s` : ''}`;
  const cells = [m.code, m.uf !== undefined ? `${m.name}/${m.uf}` : m.name, `${m.provider}${m.dialect !== undefined ? ` (${m.dialect})` : ''}`, m.environment, m.mode, signs, m.mtls ? 'yes' : 'no', cancellation, m.substitution ? 'yes' : 'no', holds, limits];
  return `| ${cells.join(' | ')} |`;
}

/** The Markdown table of `municipalities`. */
export function municipalitiesTable(municipalities: readonly MunicipalityConfig[]): string {
  return [
    '| IBGE | municipality | provider | environment | mode | signs | mTLS | cancellation (codes) | substitution | a company must hold | limits (all tasks) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...municipalities.map(rowOf),
  ].join('\n');
}

/** The table of the built-in list, between its markers, as the README holds it. */
export function builtInMunicipalitiesTable(): string {
  return [TABLE_MARKERS.start, municipalitiesTable(createMunicipalityRegistry(builtInMunicipalities()).list()), TABLE_MARKERS.end].join('\n');
}

if (require.main === module) process.stdout.write(`${builtInMunicipalitiesTable()}\n`);
