import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { OpsAction } from '../../contracts/opsAction';

/** The update clause (and its values) that appends `action` to the record's `opsActions`, for a write that does more. */
export function appendOpsAction(action: OpsAction): { readonly clause: string; readonly values: Record<string, unknown> } {
  return { clause: 'opsActions = list_append(if_not_exists(opsActions, :noActions), :opsAction)', values: { ':noActions': [], ':opsAction': [action] } };
}

/** Appends `action` to an invoice's timeline on its own; an invoice whose record is gone has no timeline to keep it. */
export async function recordOpsAction(ddb: DynamoDBDocumentClient, invoicesTable: string, invoiceId: string, action: OpsAction): Promise<void> {
  const { clause, values } = appendOpsAction(action);
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: invoicesTable,
        Key: { invoiceId },
        UpdateExpression: `SET ${clause}`,
        ConditionExpression: 'attribute_exists(invoiceId)',
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
