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
