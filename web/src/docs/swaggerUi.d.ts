// swagger-ui-dist ships no types: what the reference page uses of it.
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  interface SwaggerUiOptions {
    readonly domNode: HTMLElement;
    readonly spec: Record<string, unknown>;
    readonly deepLinking?: boolean;
    /** `null` turns off the badge that asks validator.swagger.io, which the CSP refuses. */
    readonly validatorUrl?: string | null;
    readonly tryItOutEnabled?: boolean;
    readonly persistAuthorization?: boolean;
    readonly displayOperationId?: boolean;
    readonly defaultModelsExpandDepth?: number;
    readonly docExpansion?: 'list' | 'full' | 'none';
  }
  export default function SwaggerUI(options: SwaggerUiOptions): unknown;
}
