import { randomUUID } from 'node:crypto';
import { parseDefinitionOffThread } from '../definition/parseDefinition';
import type { StateMachineDefinition } from '../definition/types';
import { InvalidDefinitionError } from '../errors/InvalidDefinitionError';
import { ApiError } from './ApiError';
import { checkArn, checkName, stateMachineArn } from './arns';
import { epochSeconds, paginate, type RequestFields } from './requestFields';
import type { StateMachineRecord, StateMachineType, StepFunctionsBackend } from './StepFunctionsBackend';

type Operation = (backend: StepFunctionsBackend, fields: RequestFields) => unknown;

const DEFAULT_LOGGING = { level: 'OFF', includeExecutionData: false };
const DEFAULT_TRACING = { enabled: false };

/** Parses a definition (validated off the event loop) or answers InvalidDefinition as AWS does. */
export async function definitionOrError(text: string): Promise<StateMachineDefinition> {
  try {
    return await parseDefinitionOffThread(text);
  } catch (error) {
    if (error instanceof InvalidDefinitionError) throw new ApiError('InvalidDefinition', error.message);
    throw error;
  }
}

function checkRoleArn(roleArn: string): void {
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(roleArn)) throw new ApiError('InvalidArn', `Invalid Arn: '${roleArn}'`);
}

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html */
export const createStateMachine: Operation = async (backend, fields) => {
  const name = fields.requiredString('name');
  const definitionText = fields.requiredString('definition');
  const roleArn = fields.requiredString('roleArn');
  const typeText = fields.optionalString('type') ?? 'STANDARD';
  if (typeText !== 'STANDARD' && typeText !== 'EXPRESS') {
    throw new ApiError('ValidationException', `1 validation error detected: Value '${typeText}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`);
  }
  checkName(name);
  checkRoleArn(roleArn);
  const definition = await definitionOrError(definitionText);
  const arn = stateMachineArn(backend.region, backend.accountId, name);
  const existing = backend.stateMachines.get(arn);
  if (existing !== undefined) {
    if (existing.definition.source === definitionText && existing.roleArn === roleArn && existing.type === typeText) {
      return { stateMachineArn: arn, creationDate: epochSeconds(existing.creationDate) };
    }
    throw new ApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
  }
  const record: StateMachineRecord = {
    arn,
    name,
    type: typeText as StateMachineType,
    definition,
    roleArn,
    creationDate: backend.deps.clock.now(),
    revisionId: randomUUID(),
    loggingConfiguration: fields.raw('loggingConfiguration') ?? DEFAULT_LOGGING,
    tracingConfiguration: fields.raw('tracingConfiguration') ?? DEFAULT_TRACING,
    description: fields.optionalString('versionDescription'),
  };
  backend.stateMachines.set(arn, record);
  backend.stateMachinesChanged();
  return { stateMachineArn: arn, creationDate: epochSeconds(record.creationDate) };
};

/** The DescribeStateMachine shape of a record. */
export function describeRecord(record: StateMachineRecord, definitionSource = record.definition.source): Record<string, unknown> {
  return {
    stateMachineArn: record.arn,
    name: record.name,
    status: 'ACTIVE',
    definition: definitionSource,
    roleArn: record.roleArn,
    type: record.type,
    creationDate: epochSeconds(record.creationDate),
    loggingConfiguration: record.loggingConfiguration,
    tracingConfiguration: record.tracingConfiguration,
    revisionId: record.revisionId,
  };
}

export const describeStateMachine: Operation = (backend, fields) => {
  const arn = fields.requiredString('stateMachineArn');
  checkArn(arn, ['stateMachine']);
  return describeRecord(backend.stateMachine(arn));
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateStateMachine.html */
export const updateStateMachine: Operation = async (backend, fields) => {
  const arn = fields.requiredString('stateMachineArn');
  checkArn(arn, ['stateMachine']);
  const record = backend.stateMachine(arn);
  const definitionText = fields.optionalString('definition');
  const roleArn = fields.optionalString('roleArn');
  const logging = fields.raw('loggingConfiguration');
  const tracing = fields.raw('tracingConfiguration');
  if (definitionText === undefined && roleArn === undefined && logging === undefined && tracing === undefined) {
    throw new ApiError('MissingRequiredParameter', 'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified');
  }
  if (roleArn !== undefined) checkRoleArn(roleArn);
  const definition = definitionText === undefined ? undefined : await definitionOrError(definitionText);
  if (definition !== undefined) record.definition = definition;
  if (roleArn !== undefined) record.roleArn = roleArn;
  if (logging !== undefined) record.loggingConfiguration = logging;
  if (tracing !== undefined) record.tracingConfiguration = tracing;
  record.updateDate = backend.deps.clock.now();
  record.revisionId = randomUUID();
  backend.stateMachinesChanged();
  return { updateDate: epochSeconds(record.updateDate), revisionId: record.revisionId };
};

export const deleteStateMachine: Operation = (backend, fields) => {
  const arn = fields.requiredString('stateMachineArn');
  checkArn(arn, ['stateMachine']);
  if (backend.stateMachines.delete(arn)) backend.stateMachinesChanged();
  return {};
};

export const listStateMachines: Operation = (backend, fields) => {
  const all = [...backend.stateMachines.values()].sort((a, b) => a.name.localeCompare(b.name));
  const { page, nextToken } = paginate(all, fields, 100, 1000);
  return {
    stateMachines: page.map((r) => ({ stateMachineArn: r.arn, name: r.name, type: r.type, creationDate: epochSeconds(r.creationDate) })),
    ...(nextToken === undefined ? {} : { nextToken }),
  };
};

/** @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html */
export const validateStateMachineDefinition: Operation = async (_backend, fields) => {
  const text = fields.requiredString('definition');
  try {
    await parseDefinitionOffThread(text);
    return { result: 'OK', diagnostics: [], truncated: false };
  } catch (error) {
    if (!(error instanceof InvalidDefinitionError)) throw error;
    const problems = error.problems.length > 0 ? error.problems : [error.message];
    return {
      result: 'FAIL',
      diagnostics: problems.map((p) => {
        const m = /^([A-Z_]+): (.*?)(?: at (\/\S*))?$/.exec(p);
        return { severity: 'ERROR', code: m?.[1] ?? 'SCHEMA_VALIDATION_FAILED', message: m?.[2] ?? p, ...(m?.[3] === undefined ? {} : { location: m[3] }) };
      }),
      truncated: false,
    };
  }
};

export const describeStateMachineForExecution: Operation = (backend, fields) => {
  const arn = fields.requiredString('executionArn');
  checkArn(arn, ['execution', 'express']);
  const record = backend.execution(arn);
  const described = describeRecord(record.stateMachine, record.definitionSource);
  delete described.status;
  delete described.type;
  delete described.creationDate;
  return { ...described, updateDate: epochSeconds(record.stateMachine.updateDate ?? record.stateMachine.creationDate) };
};
