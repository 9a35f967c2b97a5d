import { buildRpsXml } from '../../../../tasks/emit/rps/buildRpsXml';
import { loadAbrasfValidator } from '../../../../adapter-container/xml/abrasfValidator';
import { enviarLoteRpsEnvioXml, gerarNfseEnvioXml } from '../../../../adapter-container/xml/abrasfMessages';
import type { SchemaValidator } from '../../../../adapter-container/xml/SchemaValidator';
import { ALPHANUMERIC_CNPJ, CNPJ, rpsInvoice } from '../../../adapter-container/xml/rpsFixtures';

describe('buildRpsXml', () => {
  let validator: SchemaValidator;

  beforeAll(async () => {
    const loaded = await loadAbrasfValidator();
    if (loaded === undefined) throw new Error('the ABRASF XSDs are required by this suite (NFSE_SCHEMAS_DIR)');
    validator = loaded;
  });

  it('writes the RPS identity, values, prestador and tomador', () => {
    // Act
    const xml = buildRpsXml(rpsInvoice());

    // Assert
    expect(xml).toBe(
      '<Rps xmlns="http://www.abrasf.org.br/nfse.xsd"><InfDeclaracaoPrestacaoServico Id="Rps01JDZ8Y7Q5R3T2V1W0X9Y8Z7A6">' +
        '<Rps><IdentificacaoRps><Numero>42</Numero><Serie>A1</Serie><Tipo>1</Tipo></IdentificacaoRps><DataEmissao>2026-11-22</DataEmissao><Status>1</Status></Rps>' +
        '<Competencia>2026-11-20</Competencia>' +
        '<Servico><Valores><ValorServicos>1500.50</ValorServicos><ValorIss>37.51</ValorIss><Aliquota>2.50</Aliquota></Valores><IssRetido>2</IssRetido>' +
        '<ItemListaServico>01.07</ItemListaServico><CodigoTributacaoMunicipio>010701</CodigoTributacaoMunicipio>' +
        '<Discriminacao>Suporte técnico &amp; manutenção &lt;mensal&gt;</Discriminacao><CodigoMunicipio>3550308</CodigoMunicipio>' +
        '<ExigibilidadeISS>1</ExigibilidadeISS><MunicipioIncidencia>3550308</MunicipioIncidencia></Servico>' +
        '<Prestador><CpfCnpj><Cnpj>11222333000181</Cnpj></CpfCnpj></Prestador>' +
        '<TomadorServico><IdentificacaoTomador><CpfCnpj><Cpf>12345678909</Cpf></CpfCnpj></IdentificacaoTomador><RazaoSocial>Maria da Silva</RazaoSocial>' +
        '<Endereco><Endereco>Rua das Flores</Endereco><Numero>100</Numero><Complemento>apto 12</Complemento><Bairro>Centro</Bairro>' +
        '<CodigoMunicipio>3550308</CodigoMunicipio><Uf>SP</Uf><Cep>01001000</Cep></Endereco><Contato><Email>maria@example.com</Email></Contato></TomadorServico>' +
        '<OptanteSimplesNacional>2</OptanteSimplesNacional><IncentivoFiscal>2</IncentivoFiscal></InfDeclaracaoPrestacaoServico></Rps>',
    );
  });

  it('validates against the XSD wrapped in GerarNfseEnvio', () => {
    // Act
    const result = validator.validate(gerarNfseEnvioXml(buildRpsXml(rpsInvoice())));

    // Assert
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('validates against the XSD wrapped in EnviarLoteRpsEnvio/LoteRps', () => {
    // Act
    const result = validator.validate(enviarLoteRpsEnvioXml(buildRpsXml(rpsInvoice()), { numeroLote: 42, cnpj: CNPJ }));

    // Assert
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('validates a minimal RPS: company tomador, no address or e-mail, ISS withheld', () => {
    // Arrange
    const invoice = rpsInvoice({ tomador: { document: CNPJ, name: 'Empresa Tomadora Ltda' }, service: { code: '17.01', description: 'Consultoria', issRate: '5', issWithheld: true } });

    // Act
    const xml = buildRpsXml(invoice, { optanteSimplesNacional: true, inscricaoMunicipal: '12345' });

    // Assert
    expect(validator.validate(gerarNfseEnvioXml(xml))).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<IdentificacaoTomador><CpfCnpj><Cnpj>11222333000181</Cnpj></CpfCnpj></IdentificacaoTomador>');
    expect(xml).toContain('<IssRetido>1</IssRetido><ResponsavelRetencao>1</ResponsavelRetencao>');
    expect(xml).toContain('<Prestador><CpfCnpj><Cnpj>11222333000181</Cnpj></CpfCnpj><InscricaoMunicipal>12345</InscricaoMunicipal></Prestador>');
    expect(xml).toContain('<OptanteSimplesNacional>1</OptanteSimplesNacional>');
  });

  it('validates an alphanumeric CNPJ (tsCnpj is only length 14, no pattern)', () => {
    // Act
    const result = validator.validate(gerarNfseEnvioXml(buildRpsXml(rpsInvoice({ companyCnpj: ALPHANUMERIC_CNPJ }))));

    // Assert
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('reports an LC 116 item the XSD does not list, naming the element', () => {
    // Arrange
    const invoice = rpsInvoice({ service: { code: '99.99', description: 'Inexistente', issRate: '2', issWithheld: false } });

    // Act
    const result = validator.validate(gerarNfseEnvioXml(buildRpsXml(invoice)));

    // Assert
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([{ line: 1, element: 'ItemListaServico', facet: 'enumeration', message: 'line 1: element ItemListaServico breaks facet enumeration' }]);
  });

  it('reports an ISS rate with more than 2 decimals instead of rounding it', () => {
    // Arrange
    const invoice = rpsInvoice({ service: { code: '01.07', description: 'Dev', issRate: '2.125', issWithheld: false } });

    // Act
    const xml = buildRpsXml(invoice);
    const result = validator.validate(gerarNfseEnvioXml(xml));

    // Assert
    expect(xml).toContain('<Aliquota>2.125</Aliquota>');
    expect(result.valid).toBe(false);
    expect(result.errors.map(({ element, facet }) => ({ element, facet }))).toContainEqual({ element: 'Aliquota', facet: 'fractionDigits' });
  });
});
