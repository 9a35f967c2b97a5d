import { readXml, type XmlView } from '../../xml/XmlReader';
import { fieldMismatches, sameDecimal } from '../fieldMismatches';

/**
 * What makes an NFS-e the answer to our RPS: the RPS identification, the prestador, the
 * municipality and the service value, as `InfDeclaracaoPrestacaoServico` states them. The city
 * echoes our declaration inside the NFS-e (`DeclaracaoPrestacaoServico`), so both sides read alike.
 */
export interface RpsIdentity {
  readonly numero: string;
  readonly serie: string;
  readonly tipo: string;
  /** The prestador's CNPJ (or CPF). */
  readonly prestador: string;
  readonly inscricaoMunicipal: string | undefined;
  /** `Servico/CodigoMunicipio`. */
  readonly municipalityCode: string;
  readonly valorServicos: string;
}

/** The identity an `InfDeclaracaoPrestacaoServico` states; fields it lacks are empty strings. */
export function rpsIdentityOf(inf: XmlView): RpsIdentity {
  const prestador = inf.child('Prestador');
  return {
    numero: inf.text('Rps', 'IdentificacaoRps', 'Numero') ?? '',
    serie: inf.text('Rps', 'IdentificacaoRps', 'Serie') ?? '',
    tipo: inf.text('Rps', 'IdentificacaoRps', 'Tipo') ?? '',
    prestador: prestador?.text('CpfCnpj', 'Cnpj') ?? prestador?.text('CpfCnpj', 'Cpf') ?? '',
    inscricaoMunicipal: prestador?.text('InscricaoMunicipal'),
    municipalityCode: inf.text('Servico', 'CodigoMunicipio') ?? '',
    valorServicos: inf.text('Servico', 'Valores', 'ValorServicos') ?? '',
  };
}

/** The identity of the RPS we built (an `Rps` document, as stored at `xmlKey`). */
export function readRpsIdentity(rpsXml: string): RpsIdentity {
  return readXml(rpsXml, (root) => {
    const inf = root.name === 'InfDeclaracaoPrestacaoServico' ? root : root.find('InfDeclaracaoPrestacaoServico');
    if (inf === undefined) throw new Error('the RPS XML has no InfDeclaracaoPrestacaoServico');
    return rpsIdentityOf(inf);
  });
}

/** A number as the city may pad it: `0001` and `1` are the same RPS. */
function canonicalInteger(text: string): string {
  return /^\s*\d+\s*$/.test(text) ? String(BigInt(text.trim())) : text;
}

/**
 * How `actual` (the city's NFS-e) differs from `expected` (our RPS), one phrase per field —
 * `CodigoMunicipio 3550308, expected 3304557` — or an empty list when the NFS-e is ours.
 */
export function identityMismatches(expected: RpsIdentity, actual: RpsIdentity): string[] {
  const rpsOf = (identity: RpsIdentity): string => `${canonicalInteger(identity.numero)}/${identity.serie.trim()}/${identity.tipo.trim()}`;
  return fieldMismatches([
    { label: 'IdentificacaoRps (numero/serie/tipo)', expected: rpsOf(expected), actual: rpsOf(actual) },
    { label: 'Prestador', expected: expected.prestador, actual: actual.prestador },
    { label: 'InscricaoMunicipal', expected: expected.inscricaoMunicipal?.trim(), actual: actual.inscricaoMunicipal?.trim() },
    { label: 'CodigoMunicipio', expected: expected.municipalityCode, actual: actual.municipalityCode },
    { label: 'ValorServicos', expected: expected.valorServicos, actual: actual.valorServicos, same: sameDecimal },
  ]);
}
