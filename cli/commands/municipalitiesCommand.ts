import { Command, InvalidArgumentError } from 'commander';
import type { ListMunicipalitiesResponse, MunicipalityView } from '../../contracts/municipalityView';
import { MunicipalityCodeSchema } from '../../contracts/fields';
import { ApiClient } from '../ApiClient';
import { describeMunicipalities, describeMunicipality } from '../municipalities/describeMunicipality';
import { printResult } from '../printResult';

/** `nfse municipalities list|get CODE`: the registry the adapters serve, with the health they report. */
export function municipalitiesCommand(): Command {
  const command = new Command('municipalities').description('the municipalities invoices can be emitted for, what they require and how their systems are doing');
  command
    .command('list')
    .description('every municipality: provider, environment, mode, circuit and the last 5 minutes of city calls')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const answer = await new ApiClient().request<ListMunicipalitiesResponse>('GET', '/municipalities');
      printResult(options.json === true, answer, () => describeMunicipalities(answer.items));
    });
  command
    .command('get')
    .description('one municipality: signing, mutual TLS, cancellation codes, substitution, what a company must hold, limits, health')
    .argument('<code>', 'IBGE code (7 digits)', (value: string) => {
      if (!MunicipalityCodeSchema.safeParse(value).success) throw new InvalidArgumentError('must be the 7-digit IBGE code');
      return value;
    })
    .option('--json', 'print JSON')
    .action(async (code: string, options: { json?: boolean }) => {
      const municipality = await new ApiClient().request<MunicipalityView>('GET', `/municipalities/${code}`);
      printResult(options.json === true, municipality, () => describeMunicipality(municipality));
    });
  return command;
}
