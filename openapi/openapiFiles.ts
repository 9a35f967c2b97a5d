/** Where `npm run openapi` writes, from the repository's root. */
export const OPENAPI_FILES = { document: 'openapi.json', clientSchema: 'clients/typescript/src/schema.ts' } as const;

/** The document as written: two-space JSON with a final newline. */
export function documentText(document: Record<string, unknown>): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
