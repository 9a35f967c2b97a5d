/** What a redacted value reads as in a log line. */
export const REDACTED = '[REDACTED]';

/**
 * Keys whose values never reach a log, at any depth, case-insensitively:
 * - personal data (LGPD): the `tomador` (document, name, e-mail, address — the whole object, so
 *   its generic field names need no rule of their own), and a CPF, document, e-mail or address
 *   found anywhere else;
 * - the XML documents (`rpsXml`, `nfseXml`, a city's `outputXML`...), which carry the tomador;
 * - credentials: task tokens (they let anyone answer the task) and every other `*token*`, the
 *   `Authorization`, `Cookie` and API key headers, passwords, secrets, private keys,
 *   certificates and certificate files (`pfx`, `pfxBase64`, `p12`), AWS credentials.
 */
const SECRET_KEY =
  /^(tomador.*|cpf|document|e-?mail|address|.*xml|.*token.*|.*authorization|cookie|set-cookie|.*api-?key|.*passw(or)?d.*|passphrase|.*secret.*|.*private-?key.*|.*certificate.*|cert|pfx.*|p12.*|pem|.*credentials?)$/i;

/** A JWT (header and payload are base64url JSON, so they start with `eyJ`), a bearer credential, a PEM block. */
const SECRET_TEXT = /eyJ[\w-]*\.[\w-]*\.[\w-]*|(?<=\bBearer\s+)[^\s"',;]+|-----BEGIN [A-Z0-9 ]+-----[\s\S]*?-----END [A-Z0-9 ]+-----/gi;

/** Whether a value under `key` is never logged. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.replaceAll('_', '-'));
}

/**
 * `text` with JWTs, bearer credentials and PEM blocks replaced; a string that holds JSON (an API
 * Gateway `body`, an SQS message body, a SendTaskFailure cause) is redacted as the value it holds.
 */
export function redactText(text: string): string {
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (parsed !== undefined) return JSON.stringify(redactValue(parsed));
  }
  return text.replace(SECRET_TEXT, REDACTED);
}

/** A copy of a JSON value with every secret key's value and every secret text replaced. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value !== 'object' || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = isRedactedEntry(key, entry) ? REDACTED : redactValue(entry);
  return copy;
}

/**
 * One entry of an object being serialised: `[REDACTED]` under a secret key, secret text replaced
 * in a string. A `JSON.stringify` replacer (Powertools' `jsonReplacerFn`) visits every entry this
 * way, so it needs no deep copy.
 */
export function redactEntry(key: string, value: unknown): unknown {
  if (isRedactedEntry(key, value)) return REDACTED;
  if (typeof value === 'string') return redactText(value);
  return value;
}

function isRedactedEntry(key: string, value: unknown): boolean {
  return value !== undefined && value !== null && key !== '' && isSecretKey(key);
}

/**
 * One JSON log line (pino's `hooks.streamWrite`) with its secrets redacted; the line's end is kept.
 * A line that is not JSON has its secret text replaced.
 */
export function redactJsonLine(line: string): string {
  const end = line.endsWith('\n') ? '\n' : '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return line.replace(SECRET_TEXT, REDACTED);
  }
  return JSON.stringify(redactValue(parsed)) + end;
}
