import type { ServiceName } from './edge/EdgeRequest';
import type { LocalContext } from './edge/LocalContext';
import type { LocalService } from './edge/LocalService';
import { createApiGatewayControlService } from './apigateway/control/ApiGatewayControlService';
import { createDynamoDbService } from './dynamodb/createDynamoDbService';
import { createEcsService } from './ecs/createEcsService';
import { createEventsService } from './events/createEventsService';
import { createLambdaService } from './lambda/createLambdaService';
import { createRdsDataService } from './rds-data/createRdsDataService';
import { createS3Service } from './s3/createS3Service';
import { createSchedulerService } from './scheduler/createSchedulerService';
import { createSecretsManagerService } from './secretsmanager/createSecretsManagerService';
import { createSqsService } from './sqs/createSqsService';
import { createStepFunctionsService } from './stepfunctions/createStepFunctionsService';

export type ServiceFactory = (context: LocalContext) => Promise<LocalService>;

/** Every service of the local cloud, in start order (stopped in reverse). */
export const SERVICE_FACTORIES: ReadonlyArray<readonly [ServiceName, ServiceFactory]> = [
  ['sqs', createSqsService],
  ['dynamodb', createDynamoDbService],
  ['s3', createS3Service],
  ['rds-data', createRdsDataService],
  ['lambda', createLambdaService],
  ['events', createEventsService],
  ['states', createStepFunctionsService],
  ['scheduler', createSchedulerService],
  ['ecs', createEcsService],
  ['secretsmanager', createSecretsManagerService],
  ['apigateway', createApiGatewayControlService],
];
