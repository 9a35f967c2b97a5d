import path from 'node:path';
import { loadAbrasfValidator } from '../../../adapter-container/xml/abrasfValidator';
import { schemasDir } from '../../../adapter-container/xml/schemasDir';
import { SchemaValidator } from '../../../adapter-container/xml/SchemaValidator';
import { gerarNfseEnvioXml } from '../../../adapter-container/xml/abrasfMessages';
import { initXmlReader } from '../../../adapter-container/xml/XmlReader';
import { buildRpsXml } from '../../../tasks/emit/rps/buildRpsXml';
import { rpsInvoice } from './rpsFixtures';

describe('SchemaValidator', () => {
  let validator: SchemaValidator;

  beforeAll(async () => {
    await initXmlReader();
    validator = await SchemaValidator.load(path.join(schemasDir(), 'abrasf-2.04', 'nfse_v204.xsd'));
  });

  it('accepts a valid cabecalho', () => {
    // Act
    const result = validator.validate('<cabecalho xmlns="http://www.abrasf.org.br/nfse.xsd" versao="2.04"><versaoDados>2.04</versaoDados></cabecalho>');

    // Assert
    expect(result).toEqual({ valid: true, errors: [] });
  });

  it('reports a missing required element with its line', () => {
    // Act
    const result = validator.validate('<ConsultarLoteRpsEnvio xmlns="http://www.abrasf.org.br/nfse.xsd">\n<Protocolo>1</Protocolo>\n</ConsultarLoteRpsEnvio>');

    // Assert
    expect(result).toEqual({ valid: false, errors: [{ line: 2, element: 'Protocolo', message: 'line 2: element Protocolo is not expected here' }] });
  });

  it('reports a document that is not well-formed instead of throwing', () => {
    // Act
    const result = validator.validate('<cabecalho>\n<versaoDados>2.04</cabecalho>');

    // Assert
    expect(result).toEqual({ valid: false, errors: [{ line: 2, message: 'line 2: the document is not well-formed XML' }] });
  });

  describe('never quotes the offending value (it may be a CPF, a name, an e-mail)', () => {
    const tomador = { document: '12345678909', name: 'Maria da Silva Souza', email: 'maria.souza@example.com' };

    it('keeps the element, facet and line of a pattern the value breaks', () => {
      // Act
      const result = validator.validate(`<cabecalho xmlns="http://www.abrasf.org.br/nfse.xsd" versao="2.04">\n<versaoDados>${tomador.document} ${tomador.name}</versaoDados></cabecalho>`);

      // Assert
      expect(result.errors).toEqual([{ line: 2, element: 'versaoDados', facet: 'pattern', message: 'line 2: element versaoDados breaks facet pattern' }]);
    });

    it('keeps only element, facet and line for the tomador\'s own fields too', () => {
      // Arrange
      const base = rpsInvoice();
      const xml = gerarNfseEnvioXml(buildRpsXml(rpsInvoice({ tomador: { ...base.tomador, name: `${tomador.name} `.repeat(10), email: `${tomador.email}${'x'.repeat(80)}` } })));

      // Act
      const result = validator.validate(xml);

      // Assert
      expect(result.errors.map(({ element, facet }) => ({ element, facet }))).toEqual([
        { element: 'RazaoSocial', facet: 'maxLength' },
        { element: 'Email', facet: 'maxLength' },
      ]);
      const text = JSON.stringify(result);
      for (const secret of [tomador.name, tomador.email, 'Maria']) expect(text).not.toContain(secret);
    });

    it('names the element of a value that is not of its type without quoting it', () => {
      // Act
      const result = validator.validate(`<ConsultarNfseRpsEnvio xmlns="http://www.abrasf.org.br/nfse.xsd"><IdentificacaoRps><Numero>${tomador.email}</Numero><Serie>1</Serie><Tipo>1</Tipo></IdentificacaoRps><Prestador><CpfCnpj><Cpf>${tomador.document}</Cpf></CpfCnpj></Prestador></ConsultarNfseRpsEnvio>`);

      // Assert
      expect(result.valid).toBe(false);
      expect(result.errors.every((issue) => issue.element === 'Numero' && issue.message.startsWith('line 1: element Numero '))).toBe(true);
      expect(JSON.stringify(result)).not.toContain(tomador.email);
    });
  });

  it('validates many documents with one compiled schema', () => {
    // Arrange
    const doc = '<cabecalho xmlns="http://www.abrasf.org.br/nfse.xsd" versao="2.04"><versaoDados>2.04</versaoDados></cabecalho>';

    // Act
    const results = Array.from({ length: 200 }, () => validator.validate(doc).valid);

    // Assert
    expect(results.every(Boolean)).toBe(true);
  });
});

describe('loadAbrasfValidator', () => {
  it('finds the XSDs vendored in the repository when NFSE_SCHEMAS_DIR is not set (a fresh clone validates)', async () => {
    // Act
    const dir = schemasDir({});
    const loaded = await loadAbrasfValidator({});

    // Assert
    expect(dir).toBe(path.resolve(__dirname, '../../../adapter-container/schemas'));
    expect(loaded?.validate('<cabecalho xmlns="http://www.abrasf.org.br/nfse.xsd" versao="2.04"><versaoDados>2.04</versaoDados></cabecalho>')).toEqual({ valid: true, errors: [] });
  });

  it('compiles every NFS-e Nacional 1.01 schema as vendored', async () => {
    // Act
    const loaded = await Promise.all(['DPS_v1.01.xsd', 'NFSe_v1.01.xsd', 'pedRegEvento_v1.01.xsd'].map((file) => SchemaValidator.load(path.join(schemasDir({}), 'nacional-1.01', file))));

    // Assert
    expect(loaded.every((schema) => schema instanceof SchemaValidator)).toBe(true);
  });

  it('returns undefined when NFSE_SCHEMAS_DIR has no ABRASF XSD (validation off)', async () => {
    // Act
    const loaded = await loadAbrasfValidator({ NFSE_SCHEMAS_DIR: '/nonexistent/schemas' });

    // Assert
    expect(loaded).toBeUndefined();
  });

  it('compiles the XSD once and shares it', async () => {
    // Act
    const [first, second] = await Promise.all([loadAbrasfValidator(), loadAbrasfValidator()]);

    // Assert
    expect(first).toBeDefined();
    expect(first).toBe(second);
  });
});
