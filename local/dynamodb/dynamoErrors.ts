import type { EdgeResponse } from '../edge/EdgeRequest';
import { awsJsonError } from '../edge/awsErrors';

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810';

/** A `ValidationException` as DynamoDB answers it (the coral validation namespace). */
export function validationError(message: string): EdgeResponse {
  return awsJsonError(400, 'com.amazon.coral.validate#ValidationException', message);
}

/** A DynamoDB error in the service's own namespace, e.g. `ResourceNotFoundException`. */
export function dynamoError(type: string, message: string, status = 400): EdgeResponse {
  return awsJsonError(status, `${DYNAMODB}#${type}`, message);
}

/** Why one item of a cancelled transaction failed (`None` for the items that did not). */
export interface CancellationReason {
  readonly Code: string;
  readonly Message?: string;
  readonly Item?: Record<string, unknown>;
}

/**
 * `TransactionCanceledException` with one reason per requested item, in request order, as
 * DynamoDB sends it (note the capital `Message`).
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors
 */
export function transactionCanceled(reasons: readonly CancellationReason[]): EdgeResponse {
  const codes = reasons.map((reason) => reason.Code).join(', ');
  return {
    status: 400,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'TransactionCanceledException' },
    body: JSON.stringify({
      __type: `${DYNAMODB}#TransactionCanceledException`,
      CancellationReasons: reasons,
      Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    }),
  };
}
