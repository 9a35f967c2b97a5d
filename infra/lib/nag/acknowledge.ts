import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** A cdk-nag rule this construct (and everything under it) accepts, and why. */
export interface NagAcknowledgment {
  /** e.g. `AwsSolutions-IAM5`. */
  readonly id: string;
  readonly reason: string;
  /** The rule's findings this covers (`Resource::*`); each becomes `id[finding]`, as cdk-nag 3 names them. @default the whole rule */
  readonly findings?: readonly string[];
}

/**
 * Acknowledges cdk-nag rules on a construct and its children through CDK's native
 * `Validations.of().acknowledge()` (cdk-nag 3). Every acknowledgment states its reason.
 */
export function acknowledge(scope: IConstruct, rules: readonly NagAcknowledgment[]): void {
  for (const rule of rules) {
    if (rule.reason.trim().length < 20) throw new Error(`acknowledging ${rule.id} needs a real reason`);
    const ids = rule.findings === undefined ? [rule.id] : rule.findings.map((finding) => `${rule.id}[${finding}]`);
    Validations.of(scope).acknowledge(...ids.map((id) => ({ id, reason: rule.reason })));
  }
}
