import forge from 'node-forge';

/** ICP-Brasil's otherName for the CNPJ of a legal entity's certificate (DOC-ICP-04, 7.1.2.3). */
export const ICP_BRASIL_CNPJ_OID = '2.16.76.1.3.3';
const SUBJECT_ALT_NAME_OID = '2.5.29.17';
const CNPJ = /^[0-9A-Z]{12}[0-9]{2}$/;

/** The text inside an otherName's `[0] EXPLICIT` value, whatever string type the CA chose. */
function textOf(node: forge.asn1.Asn1): string | undefined {
  if (typeof node.value === 'string') return node.value;
  const [inner] = node.value;
  return inner === undefined ? undefined : textOf(inner);
}

function cnpjOfAltNames(certificate: forge.pki.Certificate): string | undefined {
  const extension = certificate.extensions.find((candidate: { id?: unknown }) => candidate.id === SUBJECT_ALT_NAME_OID) as { value?: unknown } | undefined;
  if (extension === undefined || typeof extension.value !== 'string') return undefined;
  let names: forge.asn1.Asn1;
  try {
    names = forge.asn1.fromDer(extension.value);
  } catch {
    return undefined;
  }
  if (typeof names.value === 'string') return undefined;
  for (const name of names.value) {
    // otherName ::= [0] { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
    if (name.tagClass !== forge.asn1.Class.CONTEXT_SPECIFIC || name.type !== 0 || typeof name.value === 'string') continue;
    const [typeId, value] = name.value;
    if (typeId === undefined || value === undefined || typeof typeId.value !== 'string') continue;
    if (forge.asn1.derToOid(forge.util.createBuffer(typeId.value)) !== ICP_BRASIL_CNPJ_OID) continue;
    const text = textOf(value)?.trim();
    if (text !== undefined && CNPJ.test(text)) return text;
  }
  return undefined;
}

function cnpjOfCommonName(certificate: forge.pki.Certificate): string | undefined {
  const commonName = certificate.subject.getField('CN') as { value?: unknown } | null;
  const match = typeof commonName?.value === 'string' ? /:([0-9A-Z]{12}[0-9]{2})\s*$/.exec(commonName.value) : null;
  return match?.[1];
}

/**
 * The CNPJ an e-CNPJ certificate was issued for: the ICP-Brasil otherName (OID 2.16.76.1.3.3)
 * in subjectAltName, else the subject CN's `RAZAO SOCIAL:CNPJ` suffix; undefined when neither.
 */
export function cnpjOfCertificate(certificate: forge.pki.Certificate): string | undefined {
  return cnpjOfAltNames(certificate) ?? cnpjOfCommonName(certificate);
}
