import type { Logger } from 'pino';
import type { EdgeRequest, EdgeResponse } from '../../edge/EdgeRequest';
import { awsJsonError, awsJsonResult } from '../../edge/awsErrors';
import type { ApiThrottle } from '../quotas/ApiThrottle';
import { ApiError } from './ApiError';
import {
  describeExecution,
  listExecutions,
  redriveExecution,
  startExecution,
  startSyncExecution,
  stopExecution,
} from './executionOperations';
import { getExecutionHistory } from './historyOperations';
import { RequestFields } from './requestFields';
import {
  createStateMachine,
  deleteStateMachine,
  describeStateMachine,
  describeStateMachineForExecution,
  listStateMachines,
  updateStateMachine,
  validateStateMachineDefinition,
} from './stateMachineOperations';
import type { StepFunctionsBackend } from './StepFunctionsBackend';
import { sendTaskFailure, sendTaskHeartbeat, sendTaskSuccess } from './taskOperations';
import { testState } from './testState';

type Operation = (backend: StepFunctionsBackend, fields: RequestFields) => unknown;

const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateStateMachine: createStateMachine,
  DescribeStateMachine: describeStateMachine,
  UpdateStateMachine: updateStateMachine,
  DeleteStateMachine: deleteStateMachine,
  ListStateMachines: listStateMachines,
  ValidateStateMachineDefinition: validateStateMachineDefinition,
  DescribeStateMachineForExecution: describeStateMachineForExecution,
  StartExecution: startExecution,
  StartSyncExecution: startSyncExecution,
  DescribeExecution: describeExecution,
  ListExecutions: listExecutions,
  StopExecution: stopExecution,
  RedriveExecution: redriveExecution,
  GetExecutionHistory: getExecutionHistory,
  SendTaskSuccess: sendTaskSuccess,
  SendTaskFailure: sendTaskFailure,
  SendTaskHeartbeat: sendTaskHeartbeat,
  TestState: testState,
};

/**
 * The Step Functions API over AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Op>`): parses the
 * body, runs the operation against the backend, and answers AWS's shapes, errors included.
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
 */
export class StepFunctionsApi {
  public constructor(
    private readonly backend: StepFunctionsBackend,
    private readonly logger: Logger,
    /** The account's API quotas; none: nothing is throttled (the default). */
    private readonly throttle?: ApiThrottle,
  ) {}

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    const operation = request.target === undefined ? undefined : OPERATIONS[request.target];
    if (operation === undefined) {
      return awsJsonError(400, 'UnknownOperationException', `Unknown operation ${request.target ?? '(none)'}`);
    }
    // AWS answers a throttled call 400 ThrottlingException "Rate exceeded"; the SDKs retry it.
    // https://docs.aws.amazon.com/step-functions/latest/apireference/CommonErrors.html
    if (this.throttle !== undefined && !this.throttle.admit(request.target ?? '')) return awsJsonError(400, 'ThrottlingException', 'Rate exceeded');
    try {
      const fields = RequestFields.parse(request.body.toString('utf8'));
      return awsJsonResult(await operation(this.backend, fields));
    } catch (error) {
      if (error instanceof ApiError) return awsJsonError(error.status, error.type, error.message);
      this.logger.error({ err: error, operation: request.target }, 'step functions operation failed');
      return awsJsonError(500, 'InternalFailure', (error as Error).message ?? 'Internal failure');
    }
  }
}
