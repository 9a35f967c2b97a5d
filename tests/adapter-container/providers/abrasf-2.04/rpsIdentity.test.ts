import { identityMismatches, readRpsIdentity, type RpsIdentity } from '../../../../adapter-container/providers/abrasf-2.04/rpsIdentity';
import { initXmlReader } from '../../../../adapter-container/xml/XmlReader';
import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { CNPJ, rpsInvoice, SAO_PAULO } from '../../xml/rpsFixtures';

const ours: RpsIdentity = { numero: '42', serie: 'A1', tipo: '1', prestador: CNPJ, inscricaoMunicipal: '12345', municipalityCode: SAO_PAULO, valorServicos: '1500.50' };

describe('rpsIdentity', () => {
  beforeAll(async () => {
    await initXmlReader();
  });

  it('reads the identity of an RPS we built', () => {
    expect(readRpsIdentity(buildRpsXml(rpsInvoice(), { inscricaoMunicipal: '12345' }))).toEqual(ours);
  });

  it('finds no difference in padding or trailing zeros', () => {
    expect(identityMismatches(ours, { ...ours, numero: '00042', valorServicos: '1500.5', inscricaoMunicipal: ' 12345 ' })).toEqual([]);
  });

  it('names every field that differs, with the city\'s value and ours', () => {
    const theirs: RpsIdentity = { numero: '43', serie: 'A1', tipo: '1', prestador: '11444777000161', inscricaoMunicipal: undefined, municipalityCode: '3304557', valorServicos: '10.00' };

    expect(identityMismatches(ours, theirs)).toEqual([
      'IdentificacaoRps (numero/serie/tipo) 43/A1/1, expected 42/A1/1',
      'Prestador 11444777000161, expected 11222333000181',
      'InscricaoMunicipal (none), expected 12345',
      'CodigoMunicipio 3304557, expected 3550308',
      'ValorServicos 10.00, expected 1500.50',
    ]);
  });

  it('treats a value that is not a decimal as text, not as zero', () => {
    expect(identityMismatches(ours, { ...ours, valorServicos: 'abc' })).toEqual(['ValorServicos abc, expected 1500.50']);
    expect(identityMismatches({ ...ours, valorServicos: '' }, { ...ours, valorServicos: '0' })).toEqual(['ValorServicos 0, expected (none)']);
  });
});
