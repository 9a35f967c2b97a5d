import { WEBHOOK_EVENT_SOURCE, WEBHOOK_SERVICE_EVENT_TYPES, type WebhookEndpointDisabledDetail } from '../contracts/webhookEvents';
import { defineBranch, defineWorkflow } from './asl/defineWorkflow';
import { jsonataObject } from './asl/jsonataObject';
import { placeholder } from './asl/placeholders';
import type { JsonValue, Retrier, StateMachineDefinition } from './asl/types';
import { catchInto } from './steps/captureError';
import { DYNAMODB_RETRY, INFRASTRUCTURE_RETRY } from './steps/retryPolicies';

/** Options of {@link webhookDeliveryWorkflow}. */
export interface WebhookDeliveryWorkflowOptions {
  /** Between failed attempts (5xx, 408, 429, no answer). @default WEBHOOK_RETRY */
  readonly retry?: Retrier;
  /** No attempt starts this long after the delivery's execution started. @default 24 */
  readonly giveUpAfterHours?: number;
  /** An endpoint whose deliveries have all failed for this long is disabled. @default 5 */
  readonly disableAfterDays?: number;
}

/** The errors an attempt ends in (the `Fail` states of its branch). */
export const WEBHOOK_ERRORS = {
  /** 5xx, 408, 429, a timeout: try again. */
  Retryable: 'Webhook.Retryable',
  /** A 4xx other than 408/429, a destination we never send to, a deleted endpoint: never retried. */
  Rejected: 'Webhook.Rejected',
  /** Still retryable when the delivery's time was up. */
  GaveUp: 'Webhook.GaveUp',
  /** The execution's own end when the delivery failed. */
  DeliveryFailed: 'Webhook.DeliveryFailed',
} as const;

/**
 * 30 s, doubling to at most an hour, full jitter (receivers that went down together do not come
 * back to a thundering herd); the attempts stop at `giveUpAfterHours`, checked before each retry,
 * which comes first in practice (about 29 attempts without jitter, more with it).
 */
export const WEBHOOK_RETRY: Retrier = {
  ErrorEquals: [WEBHOOK_ERRORS.Retryable],
  IntervalSeconds: 30,
  MaxAttempts: 99,
  BackoffRate: 2,
  MaxDelaySeconds: 3600,
  JitterStrategy: 'FULL',
};

/** Lambda's own transient errors, as AWS recommends retrying them. https://docs.aws.amazon.com/step-functions/latest/dg/bp-lambda-serviceexception.html */
const LAMBDA_RETRY: Retrier = {
  ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

const CONDITION_FAILED = 'DynamoDB.ConditionalCheckFailedException';

/** The endpoint item's key. */
const ENDPOINT_KEY: JsonValue = { pk: { S: '{% "endpoint#" & $delivery.endpointId %}' }, sk: { S: 'endpoint' } };
/** The delivery item's key (`contracts/webhookRecords.ts`). */
const DELIVERY_KEY: JsonValue = { pk: { S: '{% "endpoint#" & $delivery.endpointId %}' }, sk: { S: '{% "delivery#" & $delivery.createdAt & "#" & $delivery.eventId %}' } };

/** An attempt as a DynamoDB map: its optional fields only when present. */
const ATTEMPT_ITEM = `{% {"M": $merge([
  {"at": {"S": $attempt.at}, "outcome": {"S": $attempt.outcome}, "durationMs": {"N": $string($attempt.durationMs)}},
  $exists($attempt.statusCode) ? {"statusCode": {"N": $string($attempt.statusCode)}} : {},
  $exists($attempt.error) ? {"error": {"S": $attempt.error}} : {}
])} %}`;

/** Why an attempt did not deliver, for a Fail state's Cause. */
const ATTEMPT_ERROR = '{% $exists($attempt.error) ? $attempt.error : $attempt.outcome %}';

/**
 * One attempt: the sender Lambda POSTs, the attempt is appended to the delivery, and the branch
 * ends in its verdict. A branch, so that the Parallel's Retry repeats send *and* record with
 * backoff, and every attempt is in the delivery record as it happens.
 */
function attemptBranch(giveUpAfterHours: number): ReturnType<typeof defineBranch> {
  return defineBranch({
    StartAt: 'Send',
    States: {
      Send: {
        Type: 'Task',
        Comment: 'Sign and POST (the Lambda resolves the host and refuses private addresses first).',
        Resource: 'arn:aws:states:::lambda:invoke',
        Arguments: {
          FunctionName: placeholder('WebhookSenderFunctionArn'),
          Payload: { url: '{% $states.input.url %}', secretId: '{% $states.input.secretId %}', webhookId: '{% $states.input.webhookId %}', payload: '{% $states.input.payload %}' },
        },
        Assign: { attempt: '{% $states.result.Payload %}', deliveryKey: '{% $states.input.deliveryKey %}', deadline: '{% $states.input.deadline %}' },
        Retry: [LAMBDA_RETRY],
        Next: 'RecordAttempt',
      },
      RecordAttempt: {
        Type: 'Task',
        Comment: 'Append the attempt to the delivery: what the deliveries API and the console show.',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: placeholder('WebhooksTable'),
          Key: '{% $deliveryKey %}',
          UpdateExpression: 'SET attempts = list_append(if_not_exists(attempts, :none), :attempt)',
          ExpressionAttributeValues: { ':none': { L: [] }, ':attempt': { L: [ATTEMPT_ITEM] } },
        },
        Retry: [DYNAMODB_RETRY],
        Next: 'Verdict',
      },
      Verdict: {
        Type: 'Choice',
        Choices: [
          { Condition: '{% $attempt.outcome = "delivered" %}', Next: 'Accepted' },
          { Condition: '{% $attempt.outcome = "rejected" %}', Next: 'Refused' },
          { Condition: '{% $millis() >= $deadline %}', Next: 'OutOfTime' },
        ],
        Default: 'TryAgain',
      },
      Accepted: { Type: 'Succeed', Output: '{% $attempt %}' },
      Refused: { Type: 'Fail', Error: WEBHOOK_ERRORS.Rejected, Cause: ATTEMPT_ERROR },
      OutOfTime: { Type: 'Fail', Error: WEBHOOK_ERRORS.GaveUp, Cause: `{% "still failing after ${giveUpAfterHours} h: " & ${ATTEMPT_ERROR.slice(3, -3)} %}` },
      TryAgain: { Type: 'Fail', Error: WEBHOOK_ERRORS.Retryable, Cause: ATTEMPT_ERROR },
    },
  });
}

/**
 * WebhookDeliveryWorkflow: one event to one endpoint, following the Standard Webhooks
 * specification. Started by the fan-out (name: the delivery id, so a duplicate event is one
 * delivery) or by a replay (`{id}-r{n}`).
 *
 * The POST is a Lambda Task, not the HTTP Task (`arn:aws:states:::http:invoke`): the HTTP Task
 * cannot compute the HMAC signature over the timestamped body the specification requires, takes
 * its authorization from an EventBridge connection rather than per-endpoint secrets, and gives no
 * place to resolve the host and refuse private, loopback and link-local addresses before each
 * attempt. The verdicts, retries, records and the endpoint's health stay states here.
 */
export function webhookDeliveryWorkflow(overrides: WebhookDeliveryWorkflowOptions = {}): StateMachineDefinition {
  const options: Required<WebhookDeliveryWorkflowOptions> = {
    retry: overrides.retry ?? WEBHOOK_RETRY,
    giveUpAfterHours: overrides.giveUpAfterHours ?? 24,
    disableAfterDays: overrides.disableAfterDays ?? 5,
  };
  const table = placeholder('WebhooksTable');
  return defineWorkflow({
    Comment: 'Delivers one event to one webhook endpoint: signed POST, retried with backoff for up to a day.',
    QueryLanguage: 'JSONata',
    StartAt: 'RecordDelivery',
    States: {
      RecordDelivery: {
        Type: 'Task',
        Comment: 'Create the delivery (pending), or set a replayed one pending again; its attempts so far stay.',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: table,
          Key: {
            pk: { S: '{% "endpoint#" & $states.input.endpointId %}' },
            sk: { S: '{% "delivery#" & $states.input.createdAt & "#" & $states.input.eventId %}' },
          },
          UpdateExpression:
            'SET id = :id, gsi1pk = :lookup, gsi1sk = :kind, endpointId = :endpointId, companyCnpj = :cnpj, eventId = :eventId, webhookId = :webhookId, #type = :type, payload = :payload, createdAt = :createdAt, #status = :pending, executionArn = :arn, attempts = if_not_exists(attempts, :none), replays = if_not_exists(replays, :zero) REMOVE deliveredAt, failedAt, #error',
          ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: {
            ':id': { S: '{% $states.input.deliveryId %}' },
            ':lookup': { S: '{% "delivery#" & $states.input.deliveryId %}' },
            ':kind': { S: 'delivery' },
            ':endpointId': { S: '{% $states.input.endpointId %}' },
            ':cnpj': { S: '{% $states.input.companyCnpj %}' },
            ':eventId': { S: '{% $states.input.eventId %}' },
            ':webhookId': { S: '{% $states.input.webhookId %}' },
            ':type': { S: '{% $states.input.type %}' },
            ':payload': { S: '{% $states.input.payload %}' },
            ':createdAt': { S: '{% $states.input.createdAt %}' },
            ':pending': { S: 'pending' },
            ':arn': { S: '{% $states.context.Execution.Id %}' },
            ':none': { L: [] },
            ':zero': { N: '0' },
          },
        },
        // The input is the contract's WebhookDeliveryInput (the fan-out's, or a replay's).
        Assign: { delivery: '{% $states.input %}' },
        Retry: [DYNAMODB_RETRY],
        Next: 'LoadEndpoint',
      },
      LoadEndpoint: {
        Type: 'Task',
        Comment: 'Where to send it, and whether it is still enabled.',
        Resource: 'arn:aws:states:::dynamodb:getItem',
        Arguments: { TableName: table, Key: ENDPOINT_KEY, ConsistentRead: true },
        Assign: { endpoint: '{% $states.result.Item %}' },
        Retry: [DYNAMODB_RETRY],
        Next: 'EndpointEnabled',
      },
      EndpointEnabled: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $exists($endpoint) and $endpoint.status.S = "enabled" %}', Next: 'Attempt' }],
        Default: 'EndpointGone',
      },
      EndpointGone: {
        Type: 'Pass',
        Comment: 'Deleted or disabled since the event: nothing to send to.',
        Assign: { error: `{% {"code": "${WEBHOOK_ERRORS.Rejected}", "message": "the endpoint was deleted or disabled"} %}` },
        Next: 'MarkFailed',
      },
      Attempt: {
        Type: 'Parallel',
        Comment: 'One attempt per run of the branch; Retry spaces them with backoff and jitter.',
        Arguments: {
          url: '{% $endpoint.url.S %}',
          secretId: '{% $endpoint.secretId.S %}',
          webhookId: '{% $delivery.webhookId %}',
          payload: '{% $delivery.payload %}',
          deliveryKey: DELIVERY_KEY,
          deadline: `{% $toMillis($states.context.Execution.StartTime) + ${options.giveUpAfterHours * 3600 * 1000} %}`,
        },
        Branches: [attemptBranch(options.giveUpAfterHours)],
        Assign: { delivered: '{% $states.result[0] %}' },
        Retry: [options.retry],
        Catch: [catchInto([WEBHOOK_ERRORS.Rejected, WEBHOOK_ERRORS.GaveUp, WEBHOOK_ERRORS.Retryable], 'MarkFailed')],
        Next: 'MarkDelivered',
      },
      MarkDelivered: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: table,
          Key: DELIVERY_KEY,
          UpdateExpression: 'SET #status = :delivered, deliveredAt = :at',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':delivered': { S: 'delivered' }, ':at': { S: '{% $delivered.at %}' } },
        },
        Retry: [DYNAMODB_RETRY],
        Next: 'EndpointHealthy',
      },
      EndpointHealthy: {
        Type: 'Task',
        Comment: 'A delivery went through: the endpoint is not failing (anymore).',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: { TableName: table, Key: ENDPOINT_KEY, UpdateExpression: 'REMOVE failingSince', ConditionExpression: 'attribute_exists(pk)' },
        Retry: [DYNAMODB_RETRY],
        Catch: [{ ErrorEquals: [CONDITION_FAILED], Next: 'Delivered' }],
        Next: 'Delivered',
      },
      Delivered: { Type: 'Succeed', Output: '{% {"deliveryId": $delivery.deliveryId, "status": "delivered"} %}' },
      MarkFailed: {
        Type: 'Task',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: table,
          Key: DELIVERY_KEY,
          UpdateExpression: 'SET #status = :failed, failedAt = :at, #error = :error',
          ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
          ExpressionAttributeValues: { ':failed': { S: 'failed' }, ':at': { S: '{% $now() %}' }, ':error': { S: '{% $error.code & ": " & $error.message %}' } },
        },
        Retry: [DYNAMODB_RETRY],
        Next: 'NoteEndpointFailing',
      },
      NoteEndpointFailing: {
        Type: 'Task',
        Comment: 'Remember since when the endpoint fails (kept from its first failure until a delivery goes through).',
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: table,
          Key: ENDPOINT_KEY,
          UpdateExpression: 'SET failingSince = if_not_exists(failingSince, :now)',
          ConditionExpression: 'attribute_exists(pk) AND #status = :enabled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':now': { S: '{% $now() %}' }, ':enabled': { S: 'enabled' } },
          ReturnValues: 'ALL_NEW',
        },
        Assign: { failingSince: '{% $states.result.Attributes.failingSince.S %}' },
        Retry: [DYNAMODB_RETRY],
        Catch: [{ ErrorEquals: [CONDITION_FAILED], Next: 'DeliveryFailed' }],
        Next: 'FailingTooLong',
      },
      FailingTooLong: {
        Type: 'Choice',
        Choices: [{ Condition: `{% $toMillis($failingSince) <= $millis() - ${options.disableAfterDays * 86400 * 1000} %}`, Next: 'DisableEndpoint' }],
        Default: 'DeliveryFailed',
      },
      DisableEndpoint: {
        Type: 'Task',
        Comment: `Every delivery failed for ${options.disableAfterDays} days: stop sending until the tenant registers it again.`,
        Resource: 'arn:aws:states:::dynamodb:updateItem',
        Arguments: {
          TableName: table,
          Key: ENDPOINT_KEY,
          UpdateExpression: 'SET #status = :disabled, disabledAt = :now',
          ConditionExpression: '#status = :enabled',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':disabled': { S: 'disabled' }, ':enabled': { S: 'enabled' }, ':now': { S: '{% $now() %}' } },
          ReturnValues: 'ALL_NEW',
        },
        Assign: { disabledAt: '{% $states.result.Attributes.disabledAt.S %}' },
        Retry: [DYNAMODB_RETRY],
        Catch: [{ ErrorEquals: [CONDITION_FAILED], Next: 'DeliveryFailed' }],
        Next: 'PublishDisabled',
      },
      PublishDisabled: {
        Type: 'Task',
        Comment: 'Tell the tenant (the bus: e-mail, chat, its other systems).',
        Resource: 'arn:aws:states:::events:putEvents',
        Arguments: {
          Entries: [
            {
              EventBusName: placeholder('EventBusName'),
              Source: WEBHOOK_EVENT_SOURCE,
              DetailType: WEBHOOK_SERVICE_EVENT_TYPES.EndpointDisabled,
              Detail: `{% $string(${jsonataObject<WebhookEndpointDisabledDetail>({
                endpointId: '$delivery.endpointId',
                companyCnpj: '$delivery.companyCnpj',
                url: '$endpoint.url.S',
                failingSince: '$failingSince',
                disabledAt: '$disabledAt',
              })}) %}`,
            },
          ],
        },
        Retry: [INFRASTRUCTURE_RETRY],
        Next: 'DeliveryFailed',
      },
      DeliveryFailed: { Type: 'Fail', Error: WEBHOOK_ERRORS.DeliveryFailed, Cause: '{% $error.code & ": " & $error.message %}' },
    },
  });
}
