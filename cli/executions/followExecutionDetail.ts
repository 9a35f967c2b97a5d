import type { ExecutionDetail } from '../../contracts/ops';
import type { ApiClient } from '../ApiClient';
import { pollUntil } from '../pollUntil';

/** Reads an execution until it has stopped, telling stderr each state it is in (with its retries); returns the last reading. */
export function followExecutionDetail(client: ApiClient, executionArn: string, timeoutSeconds: number): Promise<ExecutionDetail> {
  const name = executionArn.split(':').at(-1) ?? executionArn;
  const describe = (detail: ExecutionDetail): string => `${detail.status}${detail.activity !== undefined ? `: ${detail.activity.description}` : ''}`;
  return pollUntil(
    {
      read: () => client.request<ExecutionDetail>('GET', `/executions/${encodeURIComponent(executionArn)}`),
      done: (detail) => detail.status !== 'RUNNING',
      keyOf: describe,
      timedOut: (last) => new Error(`execution ${name} is still ${describe(last)} after ${timeoutSeconds} s; follow it with: npm run nfse -- executions show ${name}`),
      defaultPollMs: 500,
    },
    { timeoutSeconds, onChange: (detail) => process.stderr.write(`execution ${name} ${describe(detail)}\n`) },
  );
}
