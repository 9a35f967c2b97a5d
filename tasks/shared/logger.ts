import { Logger } from '@aws-lambda-powertools/logger';
import { redactEntry } from '../../lib/logging/redaction';

/**
 * The handlers' structured logger (Powertools: JSON lines with the Lambda context). Whatever a
 * handler logs — a request body, an API Gateway event with its headers, a ProviderRequest — is
 * redacted as it is serialised: tomador data (CPF, name, e-mail, address), XML documents, task
 * tokens, JWTs and the Authorization header, keys, certificates and passwords (LGPD; see
 * `lib/logging/redaction.ts`).
 * @see https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/#custom-json-replacer-function
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nfse-flow', jsonReplacerFn: redactEntry });
