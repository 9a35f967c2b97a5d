import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ConflictException, CreateScheduleCommand, UpdateScheduleCommand, type CreateScheduleCommandInput, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { BILLING_SCHEDULES } from '../../contracts/billingSchedules';
import { ENV } from '../../contracts/wiring';
import type { AppResourceNames } from './appResourceNames';

const SCHEDULER_ROLE = 'arn:aws:iam::000000000000:role/nfse-scheduler';

/**
 * The daily billing run and the weekly CNPJ sync on the local EventBridge Scheduler, as the CDK
 * app deploys them: São Paulo time, flexible window off, the state machine as the target, and a
 * dead-letter queue for starts the target refuses. Idempotent: an existing schedule is updated.
 * Returns the schedules' ARNs.
 */
export async function createBillingSchedules(scheduler: SchedulerClient, sqs: SQSClient, names: AppResourceNames): Promise<readonly string[]> {
  await sqs.send(new CreateQueueCommand({ QueueName: names.schedulesDlq, Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) } }));
  const dlqArn = `arn:aws:sqs:${names.region}:${names.accountId}:${names.schedulesDlq}`;
  const targets = { billingCycle: names.env[ENV.BillingStateMachineArn], cnpjSync: names.env[ENV.CnpjSyncStateMachineArn] } as const;
  const arns: string[] = [];
  for (const schedule of Object.values(BILLING_SCHEDULES)) {
    const input: CreateScheduleCommandInput = {
      Name: `${names.prefix}-${schedule.suffix}`,
      Description: schedule.description,
      ScheduleExpression: schedule.expression,
      ScheduleExpressionTimezone: schedule.timeZone,
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
      Target: { Arn: targets[schedule.workflow], RoleArn: SCHEDULER_ROLE, Input: JSON.stringify(schedule.input), DeadLetterConfig: { Arn: dlqArn } },
    };
    try {
      arns.push((await scheduler.send(new CreateScheduleCommand(input))).ScheduleArn ?? '');
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error;
      arns.push((await scheduler.send(new UpdateScheduleCommand(input))).ScheduleArn ?? '');
    }
  }
  return arns;
}
