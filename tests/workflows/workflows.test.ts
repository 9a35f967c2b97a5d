import fs from 'node:fs';
import path from 'node:path';
import jsonata from 'jsonata';
import { ALL_WORKFLOWS, BILLING_WORKFLOWS, ORDER_WORKFLOWS, renderDefinition, type WorkflowSpec } from '../../workflows/registry';

// asl-validator ships no types; it mutates its input, so it gets a copy.
const validate = require('asl-validator') as (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => { isValid: boolean; errors: unknown[] };

function jsonataExpressions(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = /^\{%([\s\S]*)%\}$/.exec(value);
    if (match?.[1] !== undefined) found.push(match[1]);
  } else if (Array.isArray(value)) {
    value.forEach((item) => jsonataExpressions(item, found));
  } else if (value !== null && typeof value === 'object') {
    Object.values(value).forEach((item) => jsonataExpressions(item, found));
  }
  return found;
}

describe.each([...Object.entries(ALL_WORKFLOWS), ...Object.entries(BILLING_WORKFLOWS), ...Object.entries(ORDER_WORKFLOWS)] as Array<[string, WorkflowSpec]>)('workflow %s', (_key, spec) => {
  const definition = spec.definition();

  it('is a valid state machine for asl-validator', () => {
    const result = validate(structuredClone(definition), { checkPaths: true, checkArn: true });

    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('holds only JSONata expressions that parse', () => {
    const expressions = jsonataExpressions(definition);

    expect(expressions.length).toBeGreaterThan(10);
    for (const expression of expressions) expect(() => jsonata(expression)).not.toThrow();
  });

  it('never catches or retries States.ALL', () => {
    expect(JSON.stringify(definition)).not.toContain('States.ALL');
  });

  it(`matches the exported ${spec.file} (run npm run workflows:export after a change)`, () => {
    const exported = fs.readFileSync(path.join(__dirname, '../../workflows', spec.file), 'utf8');

    expect(exported).toBe(renderDefinition(definition));
  });

  it('renders the same definition as the pinned snapshot', () => {
    expect(definition).toMatchSnapshot();
  });
});
