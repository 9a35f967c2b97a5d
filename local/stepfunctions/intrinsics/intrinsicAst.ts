/** A JSON value as intrinsic functions read and return it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object (not an array, not null). */
export type JsonObject = { [key: string]: JsonValue };

/**
 * One node of a parsed intrinsic expression. A string literal keeps the text it was written with
 * (`raw`, escapes intact) because `States.Format` must tell an escaped `\{` from a placeholder `{}`.
 */
export type IntrinsicNode =
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly IntrinsicNode[] }
  | { readonly kind: 'string'; readonly value: string; readonly raw: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'path'; readonly path: string };

/** A parsed top-level intrinsic: always a function call. */
export type IntrinsicCall = Extract<IntrinsicNode, { kind: 'call' }>;
