import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BILLING_SCHEDULES, type BillingSchedule } from '../../../contracts/billingSchedules';
import { acknowledge } from '../nag/acknowledge';

/** Options of {@link BillingSchedules}. */
export interface BillingSchedulesProps {
  readonly stage: string;
  /** The machines the schedules start, by `BILLING_SCHEDULES`' workflow key. */
  readonly stateMachines: Readonly<Record<BillingSchedule<unknown>['workflow'], sfn.IStateMachine>>;
  /** Attempts after a refused start, within {@link BillingSchedulesProps.maxEventAge}. @default 3 */
  readonly retryAttempts?: number;
  /** How late a start may still be made. @default Duration.hours(1) */
  readonly maxEventAge?: Duration;
}

/**
 * The schedules of `contracts/billingSchedules.ts` on EventBridge Scheduler: each starts its state
 * machine directly (no Lambda between), in São Paulo time, with no flexible window; a start the
 * machine still refuses after the retries goes to a dead-letter queue. One role for both, which may
 * start those two machines and send to that queue, and nothing else.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-targets-templated.html
 */
export class BillingSchedules extends Construct {
  public readonly role: iam.Role;
  public readonly deadLetterQueue: sqs.Queue;
  public readonly schedules: Readonly<Record<keyof typeof BILLING_SCHEDULES, scheduler.Schedule>>;

  public constructor(scope: Construct, id: string, props: BillingSchedulesProps) {
    super(scope, id);
    // Only this account's schedules may use the role (the confused-deputy guard Scheduler documents):
    // https://docs.aws.amazon.com/scheduler/latest/UserGuide/setting-up.html#setting-up-execution-role
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': Stack.of(this).account } }),
      description: 'EventBridge Scheduler: starts BillingCycleWorkflow and CnpjSyncWorkflow, nothing else',
    });
    this.deadLetterQueue = new sqs.Queue(this, 'DLQ', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    const schedules: Partial<Record<keyof typeof BILLING_SCHEDULES, scheduler.Schedule>> = {};
    for (const [key, schedule] of Object.entries(BILLING_SCHEDULES) as Array<[keyof typeof BILLING_SCHEDULES, BillingSchedule<unknown>]>) {
      schedules[key] = new scheduler.Schedule(this, capitalize(key), {
        scheduleName: `nfse-${props.stage}-${schedule.suffix}`,
        description: schedule.description,
        schedule: scheduler.ScheduleExpression.expression(schedule.expression, TimeZone.of(schedule.timeZone)),
        timeWindow: scheduler.TimeWindow.off(),
        // A retry after a start whose answer was lost may start a second run: its month claim (billing.runs) makes it a no-op.
        target: new schedulerTargets.StepFunctionsStartExecution(props.stateMachines[schedule.workflow], {
          role: this.role,
          input: scheduler.ScheduleTargetInput.fromText(JSON.stringify(schedule.input)),
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: props.retryAttempts ?? 3,
          maxEventAge: props.maxEventAge ?? Duration.hours(1),
        }),
      });
    }
    this.schedules = schedules as Record<keyof typeof BILLING_SCHEDULES, scheduler.Schedule>;
    acknowledge(this.deadLetterQueue, [{ id: 'AwsSolutions-SQS3', reason: "The billing schedules' dead-letter queue: starts the state machines refused, kept for inspection; the next day's run bills the month anyway." }]);
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
