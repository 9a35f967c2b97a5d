import { readXml, type XmlView } from '../../xml/XmlReader';
import { fieldMismatches, sameDecimal, type FieldCheck } from '../fieldMismatches';

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

/** How `actual` (the DPS inside the city's NFS-e) differs from `expected` (ours), one phrase per field; empty when it is ours. */
export function dpsMismatches(expected: DpsIdentity, actual: DpsIdentity): string[] {
  const field = (label: string, want: string, got: string, same?: (a: string, b: string) => boolean): FieldCheck => ({ label, expected: want.trim(), actual: got.trim(), ...(same === undefined ? {} : { same }) });
  return fieldMismatches([
    field('DPS Id', expected.id, actual.id),
    field('série/nDPS', `${expected.serie}/${expected.numero}`, `${actual.serie}/${actual.numero}`),
    field('prestador', expected.prestador, actual.prestador),
    field('cLocEmi', expected.municipalityCode, actual.municipalityCode),
    field('cLocPrestacao', expected.servicePlace, actual.servicePlace),
    field('vServ', expected.value, actual.value, sameDecimal),
  ]);
}
