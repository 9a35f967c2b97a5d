import type { Company } from '../../contracts/company';
import type { Address } from '../../contracts/emitInvoiceRequest';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { IssuedResult } from '../../contracts/providerResult';
import { readXml, type XmlView } from '../xml/XmlReader';
import { centsOf, formatCep } from './brazilianFormats';
import type { DanfseContent, DanfseParty, DanfseValues } from './DanfseContent';
import { verificationUrlOf } from './verificationUrl';

/** What {@link danfseContentOf} reads. */
export interface DanfseSources {
  /** The city's CompNfse, as the adapter stores it at `nfseXmlKey`: the legal document. */
  readonly nfseXml: string;
  /** The number, code and issue instant the provider read from it. */
  readonly issued: Pick<IssuedResult, 'nfseNumber' | 'verificationCode' | 'issuedAt'>;
  /** The prestador as we know it (name, address): the city's XML names it only by CNPJ and inscrição. */
  readonly company: Company;
  readonly municipality: MunicipalityConfig;
  /** A municipality's name by IBGE code, for addresses in other cities. @default none: the code is printed */
  readonly municipalityName?: (code: string) => string | undefined;
}

/** Thrown when the city's XML lacks what every ABRASF NFS-e has. */
export class DanfseContentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DanfseContentError';
  }
}

/** The federal retentions ABRASF's tcValoresDeclaracaoServico may state. */
const FEDERAL_WITHHOLDINGS = ['ValorPis', 'ValorCofins', 'ValorInss', 'ValorIr', 'ValorCsll', 'OutrasRetencoes'] as const;

/** ABRASF yes/no: 1 = sim. */
const SIM = '1';

/**
 * Reads what the DANFSe shows from the city's NFS-e (ABRASF 2.04 CompNfse: InfNfse with its
 * ValoresNfse, and the DeclaracaoPrestacaoServico the city received), the company record and the
 * registry. The city's own figures (ValoresNfse) win over the declaration's: the PDF shows the
 * legal document. Requires `initXmlReader()`.
 */
export function danfseContentOf(sources: DanfseSources): DanfseContent {
  const { company, municipality, issued } = sources;
  const nameOf = (code: string): string => (code === municipality.code ? municipality.name : sources.municipalityName?.(code)) ?? `IBGE ${code}`;
  return readXml(sources.nfseXml, (root) => {
    const inf = root.find('InfNfse');
    const declaration = root.find('InfDeclaracaoPrestacaoServico');
    const servico = declaration?.child('Servico');
    if (inf === undefined || declaration === undefined || servico === undefined) throw new DanfseContentError('the NFS-e XML has no InfNfse with its InfDeclaracaoPrestacaoServico and Servico');
    const item = servico.text('ItemListaServico');
    const description = servico.text('Discriminacao');
    if (item === undefined || description === undefined) throw new DanfseContentError('the NFS-e XML has no ItemListaServico or Discriminacao');
    const identificacaoRps = declaration.child('Rps', 'IdentificacaoRps');
    const rpsNumero = identificacaoRps?.text('Numero');
    const inscricaoMunicipal = company.inscricaoMunicipal ?? declaration.text('Prestador', 'InscricaoMunicipal');
    const tomador = tomadorOf(declaration.child('TomadorServico') ?? declaration.child('Tomador'), nameOf);
    const competence = declaration.text('Competencia');
    const municipalTaxCode = servico.text('CodigoTributacaoMunicipio');
    const cnae = servico.text('CodigoCnae');
    const verificationUrl =
      municipality.verificationUrl === undefined
        ? undefined
        : verificationUrlOf(municipality.verificationUrl, { nfseNumber: issued.nfseNumber, verificationCode: issued.verificationCode, cnpj: company.cnpj, inscricaoMunicipal });
    return {
      nfseNumber: issued.nfseNumber,
      verificationCode: issued.verificationCode,
      issuedAt: issued.issuedAt,
      municipality: { code: municipality.code, name: municipality.name, ...(municipality.uf === undefined ? {} : { uf: municipality.uf }) },
      ...(rpsNumero === undefined ? {} : { rps: { numero: rpsNumero, serie: identificacaoRps?.text('Serie') ?? '' } }),
      ...(competence === undefined ? {} : { competence }),
      prestador: {
        name: company.razaoSocial,
        document: company.cnpj,
        ...(inscricaoMunicipal === undefined ? {} : { inscricaoMunicipal }),
        address: companyAddress(company.address, nameOf),
        email: company.contactEmail,
      },
      ...(tomador === undefined ? {} : { tomador }),
      service: { item, ...(municipalTaxCode === undefined ? {} : { municipalTaxCode }), ...(cnae === undefined ? {} : { cnae }), description },
      values: valuesOf(inf.child('ValoresNfse'), servico),
      ...(verificationUrl === undefined ? {} : { verificationUrl }),
    };
  });
}

function valuesOf(city: XmlView | undefined, servico: XmlView): DanfseValues {
  const declared = servico.child('Valores');
  const amount = (value: string | undefined): bigint => (value === undefined ? 0n : centsOf(value));
  const servicesText = declared?.text('ValorServicos');
  if (servicesText === undefined) throw new DanfseContentError('the NFS-e XML has no ValorServicos');
  const services = centsOf(servicesText);
  const deductions = amount(declared?.text('ValorDeducoes'));
  const iss = amount(city?.text('ValorIss') ?? declared?.text('ValorIss'));
  const issWithheld = servico.text('IssRetido') === SIM;
  const federal = FEDERAL_WITHHOLDINGS.reduce((sum, name) => sum + amount(declared?.text(name)), 0n);
  const withholdings = federal + (issWithheld ? iss : 0n);
  const discounts = amount(declared?.text('DescontoIncondicionado')) + amount(declared?.text('DescontoCondicionado'));
  const issRate = city?.text('Aliquota') ?? declared?.text('Aliquota');
  // ABRASF's líquido: serviços − retenções − descontos, when the city does not state its own.
  const netText = city?.text('ValorLiquidoNfse');
  return {
    services,
    deductions,
    calculationBase: city?.text('BaseCalculo') === undefined ? services - deductions : amount(city.text('BaseCalculo')),
    ...(issRate === undefined ? {} : { issRate }),
    iss,
    issWithheld,
    withholdings,
    net: netText === undefined ? services - withholdings - discounts : centsOf(netText),
  };
}

function tomadorOf(node: XmlView | undefined, nameOf: (code: string) => string): DanfseParty | undefined {
  if (node === undefined) return undefined;
  const cpfCnpj = node.child('IdentificacaoTomador', 'CpfCnpj');
  const document = cpfCnpj?.text('Cnpj') ?? cpfCnpj?.text('Cpf');
  const name = node.text('RazaoSocial');
  if (document === undefined && name === undefined) return undefined;
  const endereco = node.child('Endereco');
  const street = endereco?.text('Endereco');
  const email = node.text('Contato', 'Email');
  const address =
    endereco === undefined || street === undefined
      ? undefined
      : addressLine({
          street,
          number: endereco.text('Numero'),
          complement: endereco.text('Complemento'),
          district: endereco.text('Bairro'),
          city: endereco.text('CodigoMunicipio') === undefined ? undefined : nameOf(endereco.text('CodigoMunicipio') ?? ''),
          uf: endereco.text('Uf'),
          cep: endereco.text('Cep'),
        });
  return { name: name ?? '', document: document ?? '', ...(address === undefined ? {} : { address }), ...(email === undefined ? {} : { email }) };
}

function companyAddress(address: Address, nameOf: (code: string) => string): string {
  return addressLine({ street: address.street, number: address.number, complement: address.complement, district: address.district, city: nameOf(address.municipalityCode), uf: address.state, cep: address.postalCode });
}

interface AddressParts {
  readonly street: string;
  readonly number?: string | undefined;
  readonly complement?: string | undefined;
  readonly district?: string | undefined;
  readonly city?: string | undefined;
  readonly uf?: string | undefined;
  readonly cep?: string | undefined;
}

/** "Rua X, 100, Sala 2 - Centro - São Paulo/SP - CEP 01001-000". */
function addressLine(parts: AddressParts): string {
  const street = [parts.street, parts.number, parts.complement].filter((part) => part !== undefined && part !== '').join(', ');
  const city = parts.city === undefined ? undefined : parts.uf === undefined ? parts.city : `${parts.city}/${parts.uf}`;
  return [street, parts.district, city, parts.cep === undefined ? undefined : `CEP ${formatCep(parts.cep)}`].filter((part) => part !== undefined && part !== '').join(' - ');
}
