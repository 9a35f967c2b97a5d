import { verificationUrlOf } from '../../../adapter-container/danfse/verificationUrl';
import { MunicipalityConfigSchema, VerificationUrlTemplateSchema } from '../../../contracts/municipality';
import { builtInMunicipalities } from '../../../lib/municipalities/builtInMunicipalities';

describe('verificationUrlOf', () => {
  it('fills each named value URL-encoded', () => {
    expect(verificationUrlOf('https://city.example/nfse?nf={nfseNumber}&cod={verificationCode}&doc={cnpj}', { nfseNumber: '12', verificationCode: 'A B/C+', cnpj: '11222333000181' })).toBe(
      'https://city.example/nfse?nf=12&cod=A%20B%2FC%2B&doc=11222333000181',
    );
  });

  it('gives no URL when the template names a value the NFS-e lacks', () => {
    expect(verificationUrlOf('https://city.example/?ccm={inscricaoMunicipal}&nf={nfseNumber}', { nfseNumber: '12' })).toBeUndefined();
    expect(verificationUrlOf('https://city.example/?ccm={inscricaoMunicipal}&nf={nfseNumber}', { nfseNumber: '12', inscricaoMunicipal: '' })).toBeUndefined();
  });
});

describe('VerificationUrlTemplateSchema', () => {
  it('refuses a template naming a value we do not have, or that is not an http(s) URL', () => {
    expect(VerificationUrlTemplateSchema.safeParse('https://city.example/?nf={numero}').error?.issues.map((issue) => issue.message)).toEqual(['may name only {nfseNumber}, {verificationCode}, {cnpj}, {inscricaoMunicipal}']);
    expect(VerificationUrlTemplateSchema.safeParse('ftp://city.example/{nfseNumber}').error?.issues.map((issue) => issue.message)).toEqual(['must start with https:// or http://']);
  });

  it('is valid for every ABRASF city of the built-in list that has one, and São Paulo and Rio have one', () => {
    const cities = MunicipalityConfigSchema.array().parse(builtInMunicipalities());
    expect(cities.filter((city) => city.verificationUrl !== undefined).map((city) => [city.code, city.provider])).toEqual([
      ['3550308', 'abrasf-2.04'],
      ['3304557', 'abrasf-2.04'],
    ]);
  });
});
