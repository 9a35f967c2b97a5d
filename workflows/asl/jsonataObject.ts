/** A JSONata expression written without its `{% %}`: `$invoice.total`, `"emit"`, `$now()`. */
export type JsonataExpression = string;

/**
 * The JSONata that builds a `T` (a contract's type): one expression per key of `T`, no key
 * missing (optional ones too: JSONata leaves out a key whose value is undefined) and none extra,
 * so renaming a contract field breaks the build where the body is written. A field whose type is
 * a string literal (`kind: 'emit'`) takes that literal as JSON (`'"emit"'`), which also lets a
 * union of contracts narrow on it; an object field takes one expression or its own fields.
 * Distributes over a union: each member is a body of its own.
 */
export type JsonataFields<T> = T extends unknown ? { readonly [Key in keyof T]-?: JsonataField<NonNullable<T[Key]>> } : never;

type JsonataField<Value> = [IsStringLiteral<Value>] extends [true]
  ? `"${Value & string}"`
  : Value extends readonly unknown[]
    ? JsonataExpression
    : Value extends object
      ? JsonataExpression | JsonataFields<Value>
      : JsonataExpression;

type IsStringLiteral<Value> = Value extends string ? (string extends Value ? false : true) : false;

/** A nested body: an object holds fields, a string is already an expression. */
interface FieldTree {
  readonly [key: string]: string | FieldTree;
}

/** Options of {@link jsonataObject}. */
export interface JsonataObjectOptions {
  /**
   * One member per line, for a body written over several lines inside `{% %}`: `compactJsonata`
   * later joins them as `{ "a": …, "b": … }`. Nested objects stay on one line.
   * @default false
   */
  readonly multiline?: boolean;
}

/**
 * Renders a typed body as a JSONata object constructor, keys in the order written:
 * `jsonataObject<InvoiceError>({ code: '$error.code', message: '"no answer"' })` is
 * `{"code": $error.code, "message": "no answer"}`.
 */
export function jsonataObject<T>(fields: JsonataFields<T>, options: JsonataObjectOptions = {}): JsonataExpression {
  const members = membersOf(fields as FieldTree);
  return options.multiline === true ? `{\n  ${members.join(',\n  ')}\n}` : `{${members.join(', ')}}`;
}

function membersOf(fields: FieldTree): string[] {
  return Object.entries(fields).map(([key, value]) => `${JSON.stringify(key)}: ${typeof value === 'string' ? value : `{${membersOf(value).join(', ')}}`}`);
}
