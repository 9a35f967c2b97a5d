import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import type { XmlDocument, XsdValidator } from 'libxml2-wasm';
import { loadLibxml2, type Libxml2Module } from './loadLibxml2';

/**
 * One problem found in a document: where, and which rule, never the offending value. libxml2's
 * own words quote it ("The value '123.456.789-09' is not accepted by the pattern ..."), and this
 * text travels into SendTaskFailure causes, execution history, the failures queue, DynamoDB and
 * Aurora: a CPF, a name or an e-mail there is personal data where it must not be (LGPD).
 */
export interface ValidationIssue {
  readonly line: number;
  /** The element's local name, when libxml2 named one. */
  readonly element?: string;
  /** The attribute's name, when the problem is one of the element's attributes. */
  readonly attribute?: string;
  /** The XSD facet the value breaks (`pattern`, `maxLength`, `enumeration`...), when it is one. */
  readonly facet?: string;
  /** The line, element and facet in words, e.g. `line 12: element Cpf breaks facet pattern`. */
  readonly message: string;
}

/** The outcome of validating one document. */
export interface ValidationResult {
  readonly valid: boolean;
  readonly errors: readonly ValidationIssue[];
}

/** The folders registered with one libxml2 instance, kept on the instance's registration function. */
const REGISTERED_DIRS = Symbol.for('nfse-flow.schemaDirs');

/** Where the folders of this instance are remembered when its function cannot hold them. */
const fallbackDirs = new WeakMap<object, Set<string>>();

/**
 * The set of folders already registered with `libxml2`. The module namespace is not extensible
 * (Node refuses new properties on it), so the set hangs on the exported function, which is one
 * object per WASM instance whichever copy of this module asks.
 */
function registeredDirsOf(libxml2: Libxml2Module): Set<string> {
  const holder = libxml2.xmlRegisterInputProvider as unknown as { [REGISTERED_DIRS]?: Set<string> };
  if (holder[REGISTERED_DIRS] !== undefined) return holder[REGISTERED_DIRS];
  if (!Object.isExtensible(holder)) {
    const known = fallbackDirs.get(holder) ?? new Set<string>();
    fallbackDirs.set(holder, known);
    return known;
  }
  const dirs = new Set<string>();
  Object.defineProperty(holder, REGISTERED_DIRS, { value: dirs });
  return dirs;
}

/**
 * Lets libxml2 read the files an XSD imports (xmldsig...) from its own folder only. The provider
 * registry belongs to the libxml2 instance, which can outlive this module (jest reloads modules
 * per test file but shares the WASM instance) and holds a limited number of providers, so the
 * registered folders are remembered with the instance and each is registered once.
 */
function registerSchemaFolder(libxml2: Libxml2Module, dir: string): void {
  const registeredDirs = registeredDirsOf(libxml2);
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
  if (Array.isArray(details) && details.length > 0) return details.map((detail) => issueOf(detail.line ?? 0, String(detail.message ?? '')));
  return [issueOf(0, error instanceof Error ? error.message : String(error))];
}

/** libxml2's validity errors start `Element '{namespace}Name'` or `Element 'Name', attribute 'a'`. */
const ELEMENT = /^Element '(?:\{[^}]*\})?([^']+)'(?:, attribute '([^']+)')?:/;
const FACET = /\[facet '([^']+)'\]/;

/** What went wrong, in our words: libxml2's sentence after the element may quote the value. */
const REASONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/This element is not expected/, 'is not expected here'],
  [/Missing child element/, 'misses a child element'],
  [/is required but missing/, 'is missing'],
  [/is not allowed/, 'is not allowed'],
  [/Character content/, 'has text where only elements are allowed'],
  [/is not a valid value|is not accepted|not an element of the set/, 'has an invalid value'],
];

/** Keeps the line, the element (and attribute) and the facet of one libxml2 message; drops the rest. */
function issueOf(line: number, libxml2Message: string): ValidationIssue {
  const text = libxml2Message.trim();
  const element = ELEMENT.exec(text);
  if (element === null) return { line, message: `line ${line}: the document is not well-formed XML` };
  const [, name = '', attribute] = element;
  const facet = FACET.exec(text)?.[1];
  const subject = attribute === undefined ? `element ${name}` : `element ${name}, attribute ${attribute},`;
  const reason = facet !== undefined ? `breaks facet ${facet}` : (REASONS.find(([pattern]) => pattern.test(text))?.[1] ?? 'is invalid');
  return {
    line,
    element: name,
    ...(attribute === undefined ? {} : { attribute }),
    ...(facet === undefined ? {} : { facet }),
    message: `line ${line}: ${subject} ${reason}`,
  };
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
