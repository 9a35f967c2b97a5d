import type { JsonValue, StateMachineDefinition } from '../../../workflows/asl/types';

/** One IAM statement a workflow's role needs. */
export interface PermissionNeed {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/**
 * The ARN(s) behind each `${Placeholder}` a workflow may name: a table's ARN, a queue's ARN for
 * `${RequestsQueueUrl}`, the bus ARN for `${EventBusName}`, the cluster and secret ARNs.
 */
export type PlaceholderArns = Readonly<Record<string, string>>;

/** What a workflow may touch of itself. */
export interface OwnResources {
  /** Its own executions (`arn:…:execution:{name}:*`), for a state that describes another run of it. @default none */
  readonly executions?: string;
}

const PLACEHOLDER = /^\$\{([A-Za-z0-9_]+)\}$/;

/** Thrown for an integration this app does not know how to scope (least privilege needs a known resource). */
export class UnscopedIntegrationError extends Error {
  public constructor(state: string, detail: string) {
    super(`state ${state}: ${detail}`);
    this.name = 'UnscopedIntegrationError';
  }
}

/**
 * The permissions a definition needs, read from its Task states: each service integration maps to
 * the one IAM action it calls, on the resource its `${Placeholder}` names, so the role can touch
 * nothing the workflow does not. https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html
 */
export function workflowPermissions(definition: StateMachineDefinition, arns: PlaceholderArns, own: OwnResources = {}): PermissionNeed[] {
  const needs = new Map<string, Set<string>>();
  const add = (action: string, resource: string): void => {
    const set = needs.get(action) ?? new Set<string>();
    set.add(resource);
    needs.set(action, set);
  };
  for (const [name, state] of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = typeof state.Resource === 'string' ? state.Resource : '';
    const args = asObject(state.Arguments ?? state.Parameters);
    const arnOf = (field: string, value: JsonValue | undefined): string => {
      const match = typeof value === 'string' ? PLACEHOLDER.exec(value) : null;
      if (match === null) throw new UnscopedIntegrationError(name, `${field} must be a \${Placeholder}, got ${JSON.stringify(value)}`);
      const arn = arns[match[1]];
      if (arn === undefined) throw new UnscopedIntegrationError(name, `no resource for placeholder \${${match[1]}}`);
      return arn;
    };
    const pattern = /^arn:aws:states:::(.+?)(\.waitForTaskToken|\.sync(:2)?)?$/.exec(resource);
    const integration = pattern?.[1];
    switch (integration) {
      case 'dynamodb:getItem':
      case 'dynamodb:putItem':
      case 'dynamodb:updateItem':
      case 'dynamodb:deleteItem':
        add(`dynamodb:${capitalize(integration.slice('dynamodb:'.length))}`, arnOf('TableName', args.TableName));
        break;
      case 'sqs:sendMessage':
        add('sqs:SendMessage', arnOf('QueueUrl', args.QueueUrl));
        break;
      case 'events:putEvents':
        if (!Array.isArray(args.Entries)) throw new UnscopedIntegrationError(name, 'events:putEvents needs a literal Entries list');
        for (const entry of args.Entries) add('events:PutEvents', arnOf('EventBusName', asObject(entry).EventBusName));
        break;
      case 'aws-sdk:dynamodb:query': {
        // A Query names its index apart; the index's ARN is the table's with `/index/{name}`.
        const table = arnOf('TableName', args.TableName);
        add('dynamodb:Query', typeof args.IndexName === 'string' ? `${table}/index/${args.IndexName}` : table);
        break;
      }
      case 'lambda:invoke':
        add('lambda:InvokeFunction', arnOf('FunctionName', args.FunctionName));
        break;
      case 'states:startExecution': {
        const machine = arnOf('StateMachineArn', args.StateMachineArn);
        add('states:StartExecution', machine);
        if (pattern?.[2]?.startsWith('.sync') === true) {
          // Waiting for the child: Step Functions describes (and on a stop, stops) it, and manages
          // the EventBridge rule that tells it the child ended.
          // https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
          const { executions, syncRule } = syncArnsOf(name, machine);
          add('states:DescribeExecution', executions);
          add('states:StopExecution', executions);
          for (const action of ['events:PutTargets', 'events:PutRule', 'events:DescribeRule']) add(action, syncRule);
        }
        break;
      }
      case 'aws-sdk:sfn:describeExecution':
        // The execution is read from the state's data: a workflow may only describe its own runs.
        if (own.executions === undefined) throw new UnscopedIntegrationError(name, 'describeExecution is scoped to the workflow\'s own executions, which were not given');
        add('states:DescribeExecution', own.executions);
        break;
      case 'aws-sdk:rdsdata:executeStatement':
        add('rds-data:ExecuteStatement', arnOf('ResourceArn', args.ResourceArn));
        add('secretsmanager:GetSecretValue', arnOf('SecretArn', args.SecretArn));
        break;
      default:
        throw new UnscopedIntegrationError(name, `no least-privilege mapping for ${resource} (add one in infra/lib/workflows/workflowPermissions.ts)`);
    }
  }
  return [...needs.entries()].map(([action, resources]) => ({ actions: [action], resources: [...resources] }));
}

/**
 * For a `.sync` start of `machineArn` (`arn:{partition}:states:{region}:{account}:stateMachine:{name}`):
 * every execution of that machine, and the managed rule Step Functions watches them with.
 */
function syncArnsOf(state: string, machineArn: string): { executions: string; syncRule: string } {
  const parts = machineArn.split(':');
  if (parts.length !== 7 || parts[2] !== 'states' || parts[5] !== 'stateMachine') throw new UnscopedIntegrationError(state, `a .sync start needs a state machine ARN by name, got ${machineArn}`);
  const [arn, partition, , region, account, , machine] = parts;
  return {
    executions: [arn, partition, 'states', region, account, 'execution', machine, '*'].join(':'),
    syncRule: [arn, partition, 'events', region, account, 'rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'].join(':'),
  };
}

type AnyState = { readonly Type: string; readonly Resource?: unknown; readonly Arguments?: JsonValue; readonly Parameters?: JsonValue } & Record<string, unknown>;

/** Every state, nested ones (Parallel branches, Map processors) included, with its name. */
function* allStates(definition: { readonly States: Readonly<Record<string, unknown>> }): Generator<[string, AnyState]> {
  for (const [name, raw] of Object.entries(definition.States)) {
    const state = raw as AnyState;
    yield [name, state];
    if (Array.isArray(state.Branches)) for (const branch of state.Branches as StateMachineDefinition[]) yield* allStates(branch);
    const processor = (state.ItemProcessor ?? state.Iterator) as StateMachineDefinition | undefined;
    if (processor !== undefined) yield* allStates(processor);
  }
}

function asObject(value: JsonValue | undefined): Record<string, JsonValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
