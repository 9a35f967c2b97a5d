/** What `nfse companies put` sends: the company's CNPJ, its fields, and the version to write over. */
export interface CompanyPut {
  readonly cnpj: string;
  readonly body: Record<string, unknown>;
  /** `If-Match`: `--if-match`, else the `version` of a file `nfse companies get --json` wrote. */
  readonly ifMatch: string | undefined;
}

/** Fields the API writes itself: a file from `get --json` carries them, a PUT body must not. */
const WRITTEN_BY_THE_API = ['cnpj', 'version', 'createdAt', 'updatedAt', 'updatedBy', 'certificate'] as const;

/**
 * A company file as `PUT /companies/{cnpj}` takes it: the body's fields, the CNPJ from `--cnpj`
 * or the file's `cnpj`. A file saved from `get --json` round-trips: its `version` becomes the
 * `If-Match`, so an edit of a copy someone has since changed is refused (412), not written over theirs.
 */
export function companyPutOf(file: unknown, options: { readonly cnpj?: string; readonly ifMatch?: string }): CompanyPut {
  if (typeof file !== 'object' || file === null || Array.isArray(file)) throw new Error('the company file must hold a JSON object (the PUT /companies/{cnpj} body)');
  const fields = file as Record<string, unknown>;
  const fileCnpj = typeof fields.cnpj === 'string' ? fields.cnpj : undefined;
  if (options.cnpj !== undefined && fileCnpj !== undefined && options.cnpj !== fileCnpj) throw new Error(`--cnpj ${options.cnpj} and the file's cnpj ${fileCnpj} differ: which company is it?`);
  const cnpj = options.cnpj ?? fileCnpj;
  if (cnpj === undefined) throw new Error('which company? put its "cnpj" in the file or pass --cnpj');
  const body = Object.fromEntries(Object.entries(fields).filter(([key]) => !(WRITTEN_BY_THE_API as readonly string[]).includes(key)));
  const version = typeof fields.version === 'number' ? String(fields.version) : undefined;
  return { cnpj, body, ifMatch: options.ifMatch ?? version };
}

/** The `If-Match` header for a version (`3` or `"3"` as given), none without one. */
export function ifMatchHeaders(version: string | undefined): Record<string, string> {
  if (version === undefined) return {};
  return { 'If-Match': /^\d+$/.test(version) ? `"${version}"` : version };
}
