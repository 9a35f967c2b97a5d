// dynalite ships no type declarations; these cover the parts the local DynamoDB uses.

declare module 'dynalite' {
  interface DynaliteOptions {
    /** LevelDB directory; in memory when absent. */
    readonly path?: string;
    readonly createTableMs?: number;
    readonly deleteTableMs?: number;
    readonly updateTableMs?: number;
    readonly maxItemSizeKb?: number;
  }
  function dynalite(options?: DynaliteOptions): import('node:http').Server;
  export = dynalite;
}

declare module 'dynalite/validations' {
  interface ActionValidation {
    readonly types: Record<string, unknown>;
    readonly custom?: (data: Record<string, unknown>, store: unknown) => string | undefined;
  }
  export function checkTypes(data: Record<string, unknown>, types: Record<string, unknown>): Record<string, unknown>;
  export function checkValidations(data: Record<string, unknown>, types: Record<string, unknown>, custom: ActionValidation['custom'], store: unknown): void;
}

declare module 'dynalite/validations/putItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: unknown): string | undefined;
}

declare module 'dynalite/validations/updateItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: unknown): string | undefined;
}

declare module 'dynalite/validations/deleteItem' {
  export const types: Record<string, unknown>;
  export function custom(data: Record<string, unknown>, store: unknown): string | undefined;
}

declare module 'dynalite/db' {
  /** An error dynalite builds for an AWS error answer. */
  export interface DynaliteError extends Error {
    readonly statusCode?: number;
    readonly body?: { readonly __type: string; readonly message?: string };
  }
  /** null or undefined when the condition holds; the ConditionalCheckFailedException otherwise. */
  export function checkConditional(data: Record<string, unknown>, existingItem: Record<string, unknown> | undefined): DynaliteError | null | undefined;
}

declare module 'dynalite/db/conditionParser' {
  namespace parser {
    /** What dynalite's validation hands its expression parsers. */
    interface ParseContext {
      readonly attrNames?: Readonly<Record<string, string>>;
      readonly attrVals?: Readonly<Record<string, unknown>>;
      /** The parser deletes each name it resolves; what is left is reported unused. */
      readonly unusedAttrNames: Record<string, unknown>;
      readonly unusedAttrVals: Record<string, unknown>;
      readonly [other: string]: unknown;
    }
    /** A PEG parser of dynalite's: a tree, or an error message; throws a SyntaxError on bad syntax. */
    interface ExpressionParser {
      parse(input: string, options: { readonly context: ParseContext }): unknown;
    }
  }
  const parser: parser.ExpressionParser;
  export = parser;
}

declare module 'dynalite/db/updateParser' {
  const parser: import('dynalite/db/conditionParser').ExpressionParser;
  export = parser;
}

declare module 'dynalite/db/projectionParser' {
  const parser: import('dynalite/db/conditionParser').ExpressionParser;
  export = parser;
}
