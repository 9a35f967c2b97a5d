import path from 'node:path';
import { loadAbrasfValidator } from '../../../adapter-container/xml/abrasfValidator';
import { schemasDir } from '../../../adapter-container/xml/schemasDir';
import { SchemaValidator } from '../../../adapter-container/xml/SchemaValidator';

describe('SchemaValidator', () => {
  let validator: SchemaValidator;

  beforeAll(async () => {
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
    expect(result).toEqual({
      valid: false,
      errors: [{ line: 2, message: "Element '{http://www.abrasf.org.br/nfse.xsd}Protocolo': This element is not expected. Expected is ( {http://www.abrasf.org.br/nfse.xsd}Prestador )." }],
    });
  });

  it('reports a document that is not well-formed instead of throwing', () => {
    // Act
    const result = validator.validate('<cabecalho>\n<versaoDados>2.04</cabecalho>');

    // Assert
    expect(result.valid).toBe(false);
    expect(result.errors[0]?.line).toBe(2);
    expect(result.errors[0]?.message).toMatch(/mismatch/i);
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
