/**
 * The largest request body the API takes: the handlers answer 413 past it
 * (tasks/shared/parseJsonBody.ts `MAX_BODY_BYTES`, which infra may not import; a test keeps the
 * two equal), so the queue message and the execution input stay under their 256 KiB.
 */
export const API_MAX_BODY_BYTES = 256 * 1024;

/**
 * How much of a body a regional API Gateway forwards to WAF: the web ACL's `AssociationConfig`
 * setting and its size in bytes. 16 KB is the default; more costs extra per request.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-oversize-request-components.html
 */
export const API_BODY_INSPECTION = { setting: 'KB_16', bytes: 16 * 1024 } as const;
