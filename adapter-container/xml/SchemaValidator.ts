import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import type { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { loadLibxml2, type Libxml2Module } from './loadLibxml2';

/** One problem found in a document, as libxml2 words it (it names the element and the facet). */
export interface ValidationIssue {
  readonly line: number;
  readonly message: string;
}

/** The outcome of validating one document. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
}

const registeredDirs = new Set<string>();

/**
 * Lets libxml2 read the files an XSD imports (xmldsig...) from its own folder only. The provider
 * registry is process-wide, so each folder is registered once.
 */
function registerSchemaFolder(libxml2: Libxml2Module, dir: string): void {
  if (registeredDirs.has(dir)) return;
  registeredDirs.add(dir);
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  libxml2.xmlRegisterInputProvider({
    match: (filename) => path.resolve(filename).startsWith(prefix),
    open: (filename) => {
      try {
        return openSync(path.resolve(filename), 'r');
      } catch {
        return undefined;
      }
    },
    read: (fd, buffer) => {
      try {
        return readSync(fd, buffer, 0, buffer.byteLength, null);
      } catch {
        return -1;
      }
    },
    close: (fd) => {
      try {
        closeSync(fd);
        return true;
      } catch {
        return false;
      }
    },
  });
}

function issuesOf(error: unknown): ValidationIssue[] {
  const details = (error as { details?: ReadonlyArray<{ line?: number; message?: string }> }).details;
  if (Array.isArray(details) && details.length > 0) {
    return details.map((detail) => ({ line: detail.line ?? 0, message: String(detail.message ?? '').trim() }));
  }
  return [{ line: 0, message: error instanceof Error ? error.message.trim() : String(error) }];
}

/** An XSD compiled once (libxml2-wasm), then used for any number of documents. */
export class SchemaValidator {
  private constructor(
    private readonly libxml2: Libxml2Module,
    private readonly validator: XsdValidator,
    /** The XSD this validator was compiled from. */
    readonly xsdPath: string,
  ) {}

  /** Compiles the XSD at `xsdPath`; its imports are read from the same folder. */
  static async load(xsdPath: string): Promise<SchemaValidator> {
    const libxml2 = await loadLibxml2();
    const file = path.resolve(xsdPath);
    registerSchemaFolder(libxml2, path.dirname(file));
    const source = readFileSync(file, 'utf8');
    const schemaDoc = libxml2.XmlDocument.fromString(source, { url: file });
    try {
      return new SchemaValidator(libxml2, libxml2.XsdValidator.fromDoc(schemaDoc), file);
    } finally {
      schemaDoc.dispose();
    }
  }

  /** Validates one XML document given as text; a document that does not parse is invalid too. */
  validate(xml: string): ValidationResult {
    let doc: XmlDocument;
    try {
      doc = this.libxml2.XmlDocument.fromString(xml);
    } catch (error) {
      return { valid: false, errors: issuesOf(error) };
    }
    try {
      this.validator.validate(doc);
      return { valid: true, errors: [] };
    } catch (error) {
      return { valid: false, errors: issuesOf(error) };
    } finally {
      doc.dispose();
    }
  }

  /** Frees the compiled schema (WASM memory). */
  dispose(): void {
    this.validator.dispose();
  }
}
