import type { EdgeResponse } from '../edge/EdgeRequest';
import { awsJsonResult } from '../edge/awsErrors';
import type { DynaliteClient, JsonObject } from './DynaliteClient';
import type { TtlRegistry } from './TtlRegistry';
import { validationError } from './dynamoErrors';

/**
 * UpdateTimeToLive and DescribeTimeToLive, which dynalite lacks (its DescribeTimeToLive always
 * says DISABLED). The status moves straight to ENABLED/DISABLED, without AWS's ENABLING phase.
 * @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
 */
export class TimeToLive {
  public constructor(
    private readonly dynalite: DynaliteClient,
    private readonly registry: TtlRegistry,
  ) {}

  /** Answers UpdateTimeToLive. */
  public async update(input: JsonObject): Promise<EdgeResponse> {
    const spec = input.TimeToLiveSpecification;
    if (typeof spec !== 'object' || spec === null) {
      return validationError("1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null");
    }
    const { Enabled: enabled, AttributeName: attribute } = spec as JsonObject;
    if (typeof enabled !== 'boolean') {
      return validationError("1 validation error detected: Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null");
    }
    if (typeof attribute !== 'string' || attribute.length < 1 || attribute.length > 255) {
      return validationError("1 validation error detected: Value at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255");
    }
    const table = await this.tableName(input);
    if (typeof table !== 'string') return table;
    const current = this.registry.attributeOf(table);
    if (enabled) {
      if (current !== undefined) return validationError('TimeToLive is already enabled');
      await this.registry.set(table, attribute);
    } else {
      if (current === undefined) return validationError('TimeToLive is already disabled');
      if (current !== attribute) return validationError(`TimeToLive is active on a different AttributeName: current AttributeName is ${current}`);
      await this.registry.set(table, undefined);
    }
    return awsJsonResult({ TimeToLiveSpecification: { Enabled: enabled, AttributeName: attribute } });
  }

  /** Answers DescribeTimeToLive. */
  public async describe(input: JsonObject): Promise<EdgeResponse> {
    const table = await this.tableName(input);
    if (typeof table !== 'string') return table;
    const attribute = this.registry.attributeOf(table);
    const description = attribute !== undefined ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute } : { TimeToLiveStatus: 'DISABLED' };
    return awsJsonResult({ TimeToLiveDescription: description });
  }

  /** The table's name once dynalite confirms it exists; dynalite's own error otherwise. */
  private async tableName(input: JsonObject): Promise<string | EdgeResponse> {
    const described = await this.dynalite.call('DescribeTable', { TableName: input.TableName });
    return described.ok ? String(input.TableName) : described.response;
  }
}
