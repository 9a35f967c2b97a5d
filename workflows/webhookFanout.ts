import { WEBHOOK_EVENT_ROUTES } from '../contracts/webhookEvents';
import { WEBHOOKS_LOOKUP_INDEX } from '../contracts/webhookRecords';
import { defineBranch, defineWorkflow } from './asl/defineWorkflow';
import { placeholder } from './asl/placeholders';
import type { Retrier, StateMachineDefinition } from './asl/types';
import { INFRASTRUCTURE_RETRY } from './steps/retryPolicies';

/** `"{source} {detail-type}"` → webhook type, as a JSONata object literal. */
const TYPE_OF_EVENT = JSON.stringify(Object.fromEntries(WEBHOOK_EVENT_ROUTES.map((route) => [`${route.source} ${route.detailType}`, route.type])));

/** Step Functions' own transient errors on StartExecution (never ExecutionAlreadyExists: that one is a verdict). */
const START_RETRY: Retrier = {
  ErrorEquals: ['StepFunctions.AWSStepFunctionsException', 'StepFunctions.SdkClientException', 'StepFunctions.ThrottlingException'],
  IntervalSeconds: 1,
  MaxAttempts: 5,
  BackoffRate: 2,
  MaxDelaySeconds: 20,
  JitterStrategy: 'FULL',
};

/**
 * WebhookFanoutWorkflow: the target of the event bus rule. For one bus event it finds the
 * company's enabled endpoints subscribed to its type and starts one WebhookDeliveryWorkflow each,
 * named `{event id}_{endpoint id}`: EventBridge delivers at least once, and the same event again
 * finds its deliveries started (ExecutionAlreadyExists), so no endpoint gets it twice. The event
 * id is the detail's `eventId` when it has one (the orders outbox's: a row the relay published
 * twice is two bus events with one `eventId`), else the bus event's own id.
 *
 * It runs as an Express workflow (`registry.ts`): every invoice, order and billing event starts
 * one, most for a company with no endpoint, and Express bills a request and its duration instead
 * of each state transition. Express runs at least once
 * (https://docs.aws.amazon.com/step-functions/latest/dg/express-at-least-once-execution.html),
 * which the deliveries' names already make harmless: a second run finds them started. The
 * delivery stays Standard: it waits and retries for up to 24 h, and each one is a history to read.
 */
export function webhookFanoutWorkflow(): StateMachineDefinition {
  return defineWorkflow({
    Comment: 'Starts one WebhookDeliveryWorkflow per endpoint subscribed to a bus event.',
    QueryLanguage: 'JSONata',
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Pass',
        Comment: 'Which webhook type this bus event is, and whose.',
        Assign: {
          event: '{% $states.input %}',
          type: `{% $lookup(${TYPE_OF_EVENT}, $states.input.source & " " & $states.input.\`detail-type\`) %}`,
          company: '{% $states.input.detail.companyCnpj %}',
          eventId: '{% $exists($states.input.detail.eventId) ? $states.input.detail.eventId : $states.input.id %}',
        },
        Next: 'Routable',
      },
      Routable: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $exists($type) and $exists($company) %}', Next: 'FindEndpoints' }],
        Default: 'NotForWebhooks',
      },
      NotForWebhooks: { Type: 'Succeed' },
      FindEndpoints: {
        Type: 'Task',
        Comment: "The company's endpoints (at most 10 each: one page); the enabled ones subscribed to this type.",
        Resource: 'arn:aws:states:::aws-sdk:dynamodb:query',
        Arguments: {
          TableName: placeholder('WebhooksTable'),
          IndexName: WEBHOOKS_LOOKUP_INDEX.name,
          KeyConditionExpression: `${WEBHOOKS_LOOKUP_INDEX.partitionKey} = :company`,
          ExpressionAttributeValues: { ':company': { S: '{% "company#" & $company %}' } },
        },
        Assign: { endpoints: '{% [$states.result.Items[status.S = "enabled" and $type in events.L.S].id.S] %}' },
        Retry: [INFRASTRUCTURE_RETRY],
        Next: 'StartDeliveries',
      },
      StartDeliveries: {
        Type: 'Map',
        Items: '{% $endpoints %}',
        ItemSelector: {
          endpointId: '{% $states.context.Map.Item.Value %}',
          deliveryId: '{% $eventId & "_" & $states.context.Map.Item.Value %}',
          companyCnpj: '{% $company %}',
          eventId: '{% $eventId %}',
          type: '{% $type %}',
          createdAt: '{% $event.time %}',
          // The bytes signed and sent, fixed here so that every attempt and replay sends the same.
          payload: '{% $string({"type": $type, "timestamp": $event.time, "data": $event.detail}) %}',
        },
        ItemProcessor: defineBranch({
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'StartDelivery',
          States: {
            StartDelivery: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution',
              Arguments: {
                StateMachineArn: placeholder('WebhookDeliveryStateMachineArn'),
                Name: '{% $states.input.deliveryId %}',
                Input: {
                  deliveryId: '{% $states.input.deliveryId %}',
                  endpointId: '{% $states.input.endpointId %}',
                  companyCnpj: '{% $states.input.companyCnpj %}',
                  eventId: '{% $states.input.eventId %}',
                  // The bus event's id: the same on every attempt and replay, as the specification asks.
                  webhookId: '{% $states.input.eventId %}',
                  type: '{% $states.input.type %}',
                  createdAt: '{% $states.input.createdAt %}',
                  payload: '{% $states.input.payload %}',
                },
              },
              Retry: [START_RETRY],
              Catch: [{ ErrorEquals: ['StepFunctions.ExecutionAlreadyExistsException'], Next: 'AlreadyStarted' }],
              End: true,
            },
            AlreadyStarted: { Type: 'Succeed', Comment: 'The same event came again: its delivery exists.' },
          },
        }),
        Next: 'Started',
      },
      Started: { Type: 'Succeed' },
    },
  });
}
