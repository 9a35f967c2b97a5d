import { readXml, type XmlView } from '../../xml/XmlReader';

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

/** A decimal as a canonical string: `0150.50` and `150.5` are both `150.5`. */
function canonicalDecimal(text: string): string {
  const match = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (match === null || !/\d/.test(text)) return text;
  const integer = (match[1] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? integer : `${integer}.${fraction}`;
}

/** A number as the city may pad it: `0001` and `1` are the same RPS. */
function canonicalInteger(text: string): string {
  return /^\s*\d+\s*$/.test(text) ? String(BigInt(text.trim())) : text;
}

const show = (value: string | undefined): string => (value === undefined || value === '' ? '(none)' : value);

/**
 * How `actual` (the city's NFS-e) differs from `expected` (our RPS), one phrase per field —
 * `CodigoMunicipio 3550308, expected 3304557` — or an empty list when the NFS-e is ours.
 */
export function identityMismatches(expected: RpsIdentity, actual: RpsIdentity): string[] {
  const differences: string[] = [];
  const compare = (label: string, want: string | undefined, got: string | undefined, same: (a: string, b: string) => boolean = (a, b) => a === b): void => {
    if (!same(want ?? '', got ?? '')) differences.push(`${label} ${show(got)}, expected ${show(want)}`);
  };
  const rpsOf = (identity: RpsIdentity): string => `${canonicalInteger(identity.numero)}/${identity.serie.trim()}/${identity.tipo.trim()}`;
  compare('IdentificacaoRps (numero/serie/tipo)', rpsOf(expected), rpsOf(actual));
  compare('Prestador', expected.prestador, actual.prestador);
  compare('InscricaoMunicipal', expected.inscricaoMunicipal?.trim(), actual.inscricaoMunicipal?.trim());
  compare('CodigoMunicipio', expected.municipalityCode, actual.municipalityCode);
  compare('ValorServicos', expected.valorServicos, actual.valorServicos, (a, b) => canonicalDecimal(a) === canonicalDecimal(b));
  return differences;
}
