import { isRecord } from '../sendCommand';

/**
 * Whether a DynamoDB request is plain wire JSON: no binary attribute values (the state holds
 * them as base64 text, which the SDK would encode again) and every `S`/`N` a string, as the
 * wire wants it. Anything else goes through the SDK, which decides what it means.
 */
export function isWireSafeDynamoDbInput(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isWireSafeDynamoDbInput);
  if (!isRecord(value)) return true;
  for (const [key, item] of Object.entries(value)) {
    if (key === 'B' || key === 'BS') return false;
    if ((key === 'S' || key === 'N') && typeof item !== 'string') return false;
    if (!isWireSafeDynamoDbInput(item)) return false;
  }
  return true;
}

/** Whether an SQS SendMessage carries no binary message attributes. */
export function isWireSafeSqsInput(messageAttributes: unknown): boolean {
  if (messageAttributes === undefined) return true;
  if (!isRecord(messageAttributes)) return false;
  return Object.values(messageAttributes).every((attribute) => isRecord(attribute) && attribute.BinaryValue === undefined && attribute.BinaryListValues === undefined);
}

/** Whether PutEvents entries are plain objects without a `Time` (a timestamp the SDK converts). */
export function isWireSafeEventEntries(entries: unknown): boolean {
  return Array.isArray(entries) && entries.every((entry) => isRecord(entry) && entry.Time === undefined);
}

const EXECUTE_STATEMENT_MEMBERS = new Set([
  'resourceArn', 'secretArn', 'sql', 'database', 'schema', 'parameters', 'transactionId',
  'includeResultMetadata', 'continueAfterTimeout', 'resultSetOptions', 'formatRecordsAs',
]);

/** Whether an ExecuteStatement input (camelCase) has only modeled members and no blob values. */
export function isWireSafeExecuteStatement(input: unknown): boolean {
  if (!isRecord(input)) return false;
  if (!Object.keys(input).every((key) => EXECUTE_STATEMENT_MEMBERS.has(key))) return false;
  return !JSON.stringify(input).includes('"blobValue"');
}
