import type { JsonataExpression } from '../asl/jsonataObject';
import { placeholder } from '../asl/placeholders';
import type { Jsonata, JsonValue, TaskStep } from '../asl/types';
import { INFRASTRUCTURE_RETRY } from './retryPolicies';

/** A named parameter: text (sent as a string, SQL casts it) or a bigint (sent as a long); null or missing is SQL NULL. */
export type SqlParameter = { readonly text: JsonataExpression } | { readonly long: JsonataExpression };

/** Options of {@link executeSql}. */
export interface ExecuteSqlOptions<Next extends string> {
  readonly comment: string;
  readonly sql: string;
  readonly parameters: Readonly<Record<string, SqlParameter>>;
  /** `JSON` to read `FormattedRecords`. @default none */
  readonly formatRecordsAs?: 'JSON';
  /** @default the state's input */
  readonly output?: JsonValue;
  readonly assign?: Readonly<Record<string, JsonValue>>;
  readonly next: Next;
}

/**
 * One statement through the RDS Data API (`aws-sdk:rdsdata:executeStatement`), retried as
 * infrastructure: past its retries the execution fails at this state, to be redriven.
 */
export function executeSql<const Next extends string>(options: ExecuteSqlOptions<Next>): TaskStep<Next> {
  const parameters = Object.entries(options.parameters).map(([name, parameter]) =>
    'text' in parameter ? `$text("${name}", ${parameter.text})` : `$long("${name}", ${parameter.long})`,
  );
  const Parameters: Jsonata = `{% (
  $present := function($value) { $exists($value) and $value != null };
  $text := function($name, $value) { $present($value) ? {"Name": $name, "Value": {"StringValue": $string($value)}} : {"Name": $name, "Value": {"IsNull": true}} };
  $long := function($name, $value) { $present($value) ? {"Name": $name, "Value": {"LongValue": $value}} : {"Name": $name, "Value": {"IsNull": true}} };
  [
    ${parameters.join(',\n    ')}
  ]
) %}`;
  return {
    Type: 'Task',
    Comment: options.comment,
    Resource: 'arn:aws:states:::aws-sdk:rdsdata:executeStatement',
    Arguments: {
      ResourceArn: placeholder('DbClusterArn'),
      SecretArn: placeholder('DbSecretArn'),
      Database: placeholder('DbName'),
      Sql: options.sql,
      ...(parameters.length > 0 ? { Parameters } : {}),
      ...(options.formatRecordsAs !== undefined ? { FormatRecordsAs: options.formatRecordsAs } : {}),
    },
    Output: options.output ?? '{% $states.input %}',
    ...(options.assign !== undefined ? { Assign: options.assign } : {}),
    Retry: [INFRASTRUCTURE_RETRY],
    Next: options.next,
  };
}
