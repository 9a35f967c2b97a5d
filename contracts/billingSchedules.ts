import type { z } from 'zod';
import type { BillingCycleInputSchema, CnpjSyncInputSchema } from './billingCycle';

/** The zone both schedules read their hours in: the company bills in Brasília time. */
export const BILLING_SCHEDULE_TIME_ZONE = 'America/Sao_Paulo';

/**
 * Scheduler's context attribute for the invocation's id, filled in when the schedule fires: each
 * scheduled run gets its own `requestId`.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html
 */
export const SCHEDULER_EXECUTION_ID = '<aws.scheduler.execution-id>';

/**
 * Scheduler's context attribute for the time the schedule fired for (its slot, not when the target
 * started): a scheduled run's `auto` month is the one before it, whatever delays the start (a
 * Scheduler retry, a local cloud under `--time-scale`, whose slots run ahead of the wall clock).
 */
export const SCHEDULER_SCHEDULED_TIME = '<aws.scheduler.scheduled-time>';

/** One EventBridge Scheduler schedule that starts a billing state machine with a fixed input. */
export interface BillingSchedule<Input> {
  /** The schedule's name after the app's prefix (`{prefix}-billing-daily`). */
  readonly suffix: string;
  readonly expression: string;
  readonly timeZone: string;
  /** Which state machine it starts. */
  readonly workflow: 'billingCycle' | 'cnpjSync';
  readonly input: Input;
  readonly description: string;
}

/**
 * The daily billing run and the weekly CNPJ sync, as the CDK app deploys them and `npm start`
 * creates them on the local Scheduler. Daily at 02:00 São Paulo: `auto` bills the month before,
 * so from the 1st on the month just closed is billed, and every later day is a no-op once it is.
 */
export const BILLING_SCHEDULES = {
  daily: {
    suffix: 'billing-daily',
    expression: 'cron(0 2 * * ? *)',
    timeZone: BILLING_SCHEDULE_TIME_ZONE,
    workflow: 'billingCycle',
    input: { competencia: 'auto', trigger: 'scheduled', requestId: SCHEDULER_EXECUTION_ID, scheduledAt: SCHEDULER_SCHEDULED_TIME },
    description: 'Bills the month before (competência auto) daily at 02:00 São Paulo; a no-op once the month is closed.',
  } satisfies BillingSchedule<z.input<typeof BillingCycleInputSchema>>,
  weekly: {
    suffix: 'cnpj-sync-weekly',
    expression: 'cron(0 1 ? * SUN *)',
    timeZone: BILLING_SCHEDULE_TIME_ZONE,
    workflow: 'cnpjSync',
    input: { trigger: 'scheduled', requestId: SCHEDULER_EXECUTION_ID },
    description: "Upserts the usage platform's companies as ERP clients, Sundays at 01:00 São Paulo.",
  } satisfies BillingSchedule<z.input<typeof CnpjSyncInputSchema>>,
} as const;
