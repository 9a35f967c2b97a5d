import fs from 'node:fs';
import path from 'node:path';
import { builtInMunicipalitiesTable, municipalitiesTable, TABLE_MARKERS } from '../../scripts/municipalitiesTable';
import { createMunicipalityRegistry } from '../../lib/municipalities/registry';

describe('the README\'s table of supported municipalities', () => {
  it('is the one the built-in registry renders (npx tsx scripts/municipalitiesTable.ts prints it)', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const start = readme.indexOf(TABLE_MARKERS.start);
    const end = readme.indexOf(TABLE_MARKERS.end);

    expect([start >= 0, end > start]).toEqual([true, true]);
    expect(readme.slice(start, end + TABLE_MARKERS.end.length)).toBe(builtInMunicipalitiesTable());
  });

  it('renders a national city with its event cancellation and what a company must hold', () => {
    const [row] = municipalitiesTable(
      createMunicipalityRegistry([
        { code: '4314902', name: 'Porto Alegre', uf: 'RS', provider: 'nacional', mode: 'sync', endpoint: 'https://sefin.nfse.gov.br/SefinNacional', environment: 'producao', mtls: true, cancellation: { by: 'event', reasonCodes: [1, 2, 9], reasonText: { minLength: 15, maxLength: 255 } }, requires: { inscricaoMunicipal: false }, concurrency: 10 },
      ]).list(),
    )
      .split('\n')
      .slice(2);

    expect(row).toBe('| 4314902 | Porto Alegre/RS | nacional | producao | sync | nothing | yes | event: 1, 2, 9 + reason 15–255 chars | no | A1 certificate | 10 at once |');
  });
});
