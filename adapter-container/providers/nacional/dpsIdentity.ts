import { readXml, type XmlView } from '../../xml/XmlReader';

/**
 * What makes an NFS-e the answer to our DPS: its `Id` (municipality, prestador, série and
 * number), the prestador, the municipality of emission and of the service, and the value. The
 * national NFS-e carries the DPS it was generated from (`infNFSe/DPS`), so both sides read alike.
 */
export interface DpsIdentity {
  readonly id: string;
  readonly serie: string;
  readonly numero: string;
  /** The prestador's CNPJ (or CPF). */
  readonly prestador: string;
  /** `cLocEmi`. */
  readonly municipalityCode: string;
  /** `serv/locPrest/cLocPrestacao`. */
  readonly servicePlace: string;
  /** `valores/vServPrest/vServ`. */
  readonly value: string;
}

/** The identity an `infDPS` states; fields it lacks are empty strings. */
export function dpsIdentityOf(inf: XmlView): DpsIdentity {
  const prest = inf.child('prest');
  return {
    id: inf.attr('Id') ?? '',
    serie: inf.text('serie') ?? '',
    numero: inf.text('nDPS') ?? '',
    prestador: prest?.text('CNPJ') ?? prest?.text('CPF') ?? '',
    municipalityCode: inf.text('cLocEmi') ?? '',
    servicePlace: inf.text('serv', 'locPrest', 'cLocPrestacao') ?? '',
    value: inf.text('valores', 'vServPrest', 'vServ') ?? '',
  };
}

/** The identity of a DPS document (ours, as stored at `xmlKey`). */
export function readDpsIdentity(dpsXml: string): DpsIdentity {
  return readXml(dpsXml, (root) => {
    const inf = root.name === 'infDPS' ? root : root.find('infDPS');
    if (inf === undefined) throw new Error('the DPS XML has no infDPS');
    return dpsIdentityOf(inf);
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

const show = (value: string): string => (value === '' ? '(none)' : value);

/** How `actual` (the DPS inside the city's NFS-e) differs from `expected` (ours), one phrase per field; empty when it is ours. */
export function dpsMismatches(expected: DpsIdentity, actual: DpsIdentity): string[] {
  const differences: string[] = [];
  const compare = (label: string, want: string, got: string, same: (a: string, b: string) => boolean = (a, b) => a === b): void => {
    if (!same(want.trim(), got.trim())) differences.push(`${label} ${show(got)}, expected ${show(want)}`);
  };
  compare('DPS Id', expected.id, actual.id);
  compare('série/nDPS', `${expected.serie}/${expected.numero}`, `${actual.serie}/${actual.numero}`);
  compare('prestador', expected.prestador, actual.prestador);
  compare('cLocEmi', expected.municipalityCode, actual.municipalityCode);
  compare('cLocPrestacao', expected.servicePlace, actual.servicePlace);
  compare('vServ', expected.value, actual.value, (a, b) => canonicalDecimal(a) === canonicalDecimal(b));
  return differences;
}
