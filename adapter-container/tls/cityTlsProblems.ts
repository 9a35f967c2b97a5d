import fs from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { MunicipalityConfig } from '../../contracts/municipality';

/**
 * What would make a city's connections fail on every call, told when the adapter starts (the
 * other cities are still served): a city with mutual TLS whose endpoint is not https, a `caFile`
 * that cannot be read or holds no certificate.
 */
export function cityTlsProblems(municipalities: readonly Pick<MunicipalityConfig, 'code' | 'endpoint' | 'mtls' | 'caFile'>[], readFile: (file: string) => string = (file) => fs.readFileSync(file, 'utf8')): string[] {
  const problems: string[] = [];
  for (const city of municipalities) {
    if (city.mtls && !city.endpoint.startsWith('https:')) problems.push(`municipality ${city.code} requires mutual TLS but its endpoint ${city.endpoint} is not https`);
    if (city.caFile === undefined) continue;
    let pem: string;
    try {
      pem = readFile(city.caFile);
    } catch {
      problems.push(`municipality ${city.code}: its caFile ${city.caFile} cannot be read`);
      continue;
    }
    try {
      new X509Certificate(pem);
    } catch {
      problems.push(`municipality ${city.code}: its caFile ${city.caFile} holds no PEM certificate`);
    }
  }
  return problems;
}
