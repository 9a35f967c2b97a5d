import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The handlers' structured logger (Powertools: JSON lines with the Lambda context). Tomador data
 * (CPF, name, e-mail, address) is never passed to it (LGPD).
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'nfse-flow' });
