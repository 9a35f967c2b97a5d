import type * as wafv2 from 'aws-cdk-lib/aws-wafv2';

/** Options of {@link bodySizeRule}. */
export interface BodySizeRuleOptions {
  /** The largest body the protected resource accepts, in bytes. */
  readonly maxBytes: number;
  /** How much of a body the resource forwards to WAF (the web ACL's body inspection limit), in bytes. */
  readonly inspectedBytes: number;
  readonly priority: number;
  readonly visibilityConfig: wafv2.CfnWebACL.VisibilityConfigProperty;
}

/** The rule's name (and, with the metric prefix, its metric). */
export const BODY_SIZE_RULE_NAME = 'BodyOverApiLimit';

// singleHeader is typed `any` in aws-cdk-lib, so its key is passed to CloudFormation as written.
const CONTENT_LENGTH: wafv2.CfnWebACL.FieldToMatchProperty = { singleHeader: { Name: 'content-length' } };
const AS_SENT: wafv2.CfnWebACL.TextTransformationProperty[] = [{ priority: 0, type: 'NONE' }];

/**
 * Blocks request bodies larger than `maxBytes`. A size constraint on the body cannot do it: WAF
 * measures only the part of the body it receives (16 KB by default, 64 KB at most, for API
 * Gateway), so "body > 256 KiB" never matches, and oversize handling MATCH would block every body
 * past 16 KB instead. So the rule reads the size the client declares, `Content-Length` (which the
 * body must match, or the request is malformed), and blocks a body that has none (chunked) once
 * it is larger than WAF can see, since its size is then unknown.
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-size-constraint-match.html
 * https://docs.aws.amazon.com/waf/latest/developerguide/waf-oversize-request-components.html
 */
export function bodySizeRule(options: BodySizeRuleOptions): wafv2.CfnWebACL.RuleProperty {
  const declaredTooLarge: wafv2.CfnWebACL.StatementProperty = {
    regexMatchStatement: { fieldToMatch: CONTENT_LENGTH, regexString: decimalGreaterThanPattern(options.maxBytes), textTransformations: AS_SENT },
  };
  const noDeclaredLength: wafv2.CfnWebACL.StatementProperty = {
    notStatement: { statement: { regexMatchStatement: { fieldToMatch: CONTENT_LENGTH, regexString: `^${BLANKS}[0-9]+${BLANKS}$`, textTransformations: AS_SENT } } },
  };
  const pastInspection: wafv2.CfnWebACL.StatementProperty = {
    sizeConstraintStatement: { fieldToMatch: { body: { oversizeHandling: 'MATCH' } }, comparisonOperator: 'GT', size: options.inspectedBytes, textTransformations: AS_SENT },
  };
  return {
    name: BODY_SIZE_RULE_NAME,
    priority: options.priority,
    action: { block: {} },
    statement: { orStatement: { statements: [declaredTooLarge, { andStatement: { statements: [noDeclaredLength, pastInspection] } }] } },
    visibilityConfig: options.visibilityConfig,
  };
}

/** Optional spaces or tabs around a header value. */
const BLANKS = '[ \\t]*';

/**
 * A regular expression matching a decimal integer greater than `limit` (leading zeros and blanks
 * allowed, as HTTP parsers read a Content-Length): WAF compares header values as text only.
 * Longer numbers, or same-length numbers whose first differing digit is higher.
 */
export function decimalGreaterThanPattern(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`limit must be a non-negative safe integer, got ${limit}`);
  const digits = String(limit);
  const alternatives = [`[1-9][0-9]{${digits.length},}`];
  for (let index = 0; index < digits.length; index += 1) {
    const digit = Number(digits[index]);
    if (digit === 9) continue;
    const rest = digits.length - index - 1;
    const higher = digit === 8 ? '9' : `[${digit + 1}-9]`;
    alternatives.push(`${digits.slice(0, index)}${higher}${rest === 0 ? '' : rest === 1 ? '[0-9]' : `[0-9]{${rest}}`}`);
  }
  return `^${BLANKS}0*(${alternatives.join('|')})${BLANKS}$`;
}
