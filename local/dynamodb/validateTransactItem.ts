import * as validations from 'dynalite/validations';
import * as db from 'dynalite/db';
import * as deleteItem from 'dynalite/validations/deleteItem';
import * as putItem from 'dynalite/validations/putItem';
import * as updateItem from 'dynalite/validations/updateItem';
import type { EdgeResponse } from '../edge/EdgeRequest';
import { awsJsonError } from '../edge/awsErrors';
import type { JsonObject } from './DynaliteClient';
import { validationError } from './dynamoErrors';

/** The four kinds of TransactWriteItems entries. */
export const TRANSACT_WRITE_KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
export type TransactWriteKind = (typeof TRANSACT_WRITE_KINDS)[number];

/** A transaction entry checked with dynalite's own rules, its condition parsed. */
export type ValidatedEntry = { readonly ok: true; readonly data: JsonObject } | { readonly ok: false; readonly response: EdgeResponse };

const RULES = { ConditionCheck: deleteItem, Put: putItem, Delete: deleteItem, Update: updateItem } as const;
// putItem's item-size rule reads the store's options; 400 KB is DynamoDB's limit.
const STORE_OPTIONS = { options: { maxItemSize: 400 * 1024 } };

/**
 * Validates one entry exactly as dynalite validates the matching single-item call, so messages
 * match; the returned data carries dynalite's parsed condition for {@link conditionHolds}.
 */
export function validateTransactEntry(kind: TransactWriteKind, input: JsonObject): ValidatedEntry {
  if (kind === 'ConditionCheck' && typeof input.ConditionExpression !== 'string') {
    return { ok: false, response: validationError("1 validation error detected: Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null") };
  }
  const rules = RULES[kind];
  const { ReturnValuesOnConditionCheckFailure: _ignored, ...single } = input;
  try {
    const data = validations.checkTypes(structuredClone(single), rules.types);
    validations.checkValidations(data, rules.types, rules.custom, STORE_OPTIONS);
    return { ok: true, data };
  } catch (error) {
    const failure = error as db.DynaliteError;
    if (failure.statusCode !== undefined && failure.body !== undefined) {
      return { ok: false, response: awsJsonError(failure.statusCode, failure.body.__type, failure.body.message ?? readMessage(failure.body)) };
    }
    return { ok: false, response: validationError(error instanceof Error ? error.message : String(error)) };
  }
}

/** Whether a validated entry's condition (expression or legacy `Expected`) holds for the stored item. */
export function conditionHolds(data: JsonObject, existingItem: JsonObject | undefined): boolean {
  const failure = db.checkConditional(data, existingItem);
  return failure === null || failure === undefined;
}

function readMessage(body: object): string {
  const message = (body as { Message?: unknown }).Message;
  return typeof message === 'string' ? message : '';
}
