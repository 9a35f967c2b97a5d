import fs from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import { compileFastJsonata } from '../../../../../local/stepfunctions/engine/jsonata/compileFastJsonata';
import { jsonataExpressionOf } from '../../../../../local/stepfunctions/engine/jsonata/evaluateJsonata';

const WORKFLOWS = path.join(__dirname, '../../../../../workflows');

/** Every JSONata expression of an exported workflow definition (`workflows/<name>.asl.json`). */
function expressionsOf(file: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    const expression = jsonataExpressionOf(value);
    if (expression !== undefined) found.push(expression);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit(JSON.parse(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8')));
  return found;
}

// The expressions of our workflows that filter or map arrays on their way, which the fast path now answers.
const TARGETED: readonly [string, string][] = [
  ['webhookFanout.asl.json', '[$states.result.Items[status.S = "enabled" and $type in events.L.S].id.S]'],
  ['cnpjSync.asl.json', '$created + $count($states.result[outcome = "created"])'],
  ['cnpjSync.asl.json', '$updated + $count($states.result[outcome = "updated"])'],
  ['billingCycle.asl.json', '$not($states.input.reprocess) and $states.input.recorded.status in ["skipped", "failed"]'],
  ['billingCycle.asl.json', '$prepared.status in ["ISSUED", "CANCELLING", "CANCELLED", "SUBSTITUTING", "SUBSTITUTED"]'],
  [
    'billingCycle.asl.json',
    '$not($reprocess) and $count($companies) > 0 and $count($companies[$lookup($recorded, empresaId).status in ["invoiced", "skipped", "failed"]]) = $count($companies)',
  ],
  [
    'billingCycle.asl.json',
    '{"competencia": $competencia, "companies": $count($results), "invoiced": $count($results[outcome = "invoiced"]), "skipped": $count($results[outcome = "skipped"]), '
      + '"failed": [$results[outcome = "failed"].{"empresa": empresaId, "error": error}]}',
  ],
  [
    'billingCycle.asl.json',
    '( $rows := $companies.$lookup($recorded, empresaId); {"competencia": $competencia, "companies": $count($rows), "invoiced": $count($rows[status = "invoiced"]), '
      + '"skipped": $count($rows[status = "skipped"]), "failed": [$rows[status = "failed"].{"empresa": empresa_id, "error": {"code": error_code, "message": error_message}}]} )',
  ],
];

describe('the fast JSONata path over our exported workflows', () => {
  it.each(TARGETED)('%s: compiles %s to a fast program', (file, expression) => {
    expect(expressionsOf(file)).toContain(expression);
    expect(compileFastJsonata(jsonata(expression).ast())).toBeInstanceOf(Function);
  });
});
