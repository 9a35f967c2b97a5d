import conditionParser from 'dynalite/db/conditionParser';
import updateParser from 'dynalite/db/updateParser';
import type { ExpressionParser, ParseContext } from 'dynalite/db/conditionParser';
import { ExpressionTemplate } from '../../../local/dynamodb/ExpressionTemplate';

/** A context as dynalite's validation builds it (reserved words and comparison unused by these expressions). */
function contextOf(attrNames: Record<string, string>, attrVals: Record<string, unknown>): ParseContext {
  return { attrNames, attrVals, unusedAttrNames: {}, unusedAttrVals: {}, isReserved: () => false, compare: () => false };
}

function parse(parser: ExpressionParser, text: string, context: ParseContext): unknown {
  return parser.parse(text, { context });
}

const markProcessing = {
  update: 'SET #status = :target, #updatedAt = :now, #executionArn = :executionArn REMOVE #sweepShard',
  condition: '#status IN (:from0, :from1, :from2)',
  names: { '#status': 'status', '#updatedAt': 'updatedAt', '#executionArn': 'executionArn', '#sweepShard': 'sweepShard' },
};

function markProcessingValues(now: string, arn: string): Record<string, unknown> {
  return { ':target': { S: 'PROCESSING' }, ':now': { S: now }, ':from0': { S: 'EMITTED' }, ':from1': { S: 'FAILED' }, ':from2': { S: 'PROCESSING' }, ':executionArn': { S: arn } };
}

describe('ExpressionTemplate', () => {
  it('gives another request the tree a parse of its own gives, holding its own value objects', () => {
    const first = markProcessingValues('2026-12-07T10:00:00.000Z', 'arn:1');
    const second = markProcessingValues('2026-12-07T11:00:00.000Z', 'arn:2');
    const template = ExpressionTemplate.of(parse(updateParser, markProcessing.update, contextOf(markProcessing.names, first)), first);

    const tree = template?.instantiate(second) as { sections: { val: unknown }[] };

    expect(tree).toEqual(parse(updateParser, markProcessing.update, contextOf(markProcessing.names, second)));
    expect(tree.sections[1].val).toBe(second[':now']);
    expect(tree.sections[2].val).toBe(second[':executionArn']);
  });

  it('puts the new values into a condition, keeping the null-prototype maps the parser builds', () => {
    const first = markProcessingValues('a', 'b');
    const second = { ...markProcessingValues('c', 'd'), ':from0': { S: 'ISSUED' } };
    const template = ExpressionTemplate.of(parse(conditionParser, markProcessing.condition, contextOf(markProcessing.names, first)), first);

    const tree = template?.instantiate(second) as { expression: { args: unknown[] }; pathHeads: object };

    expect(tree).toEqual(parse(conditionParser, markProcessing.condition, contextOf(markProcessing.names, second)));
    expect(tree.expression.args[1]).toBe(second[':from0']);
    expect(Object.getPrototypeOf(tree.pathHeads)).toBeNull();
  });

  it('hands each request a tree of its own, so a mutated tree leaves the next one as parsed', () => {
    const values = { ':v': { N: '1' } };
    const template = ExpressionTemplate.of(parse(updateParser, 'SET a = :v, b = :v', contextOf({}, values)), values);
    const mutated = template?.instantiate({ ':v': { N: '2' } }) as { sections: { val: unknown }[] };
    mutated.sections[0].val = { N: '99' };

    const next = { ':v': { N: '3' } };
    const tree = template?.instantiate(next) as { sections: { val: unknown }[] };

    expect(tree.sections[0].val).toBe(next[':v']);
    expect(tree.sections[1].val).toBe(next[':v']);
  });

  it('keeps a node the parse put in two places one node, as the parse does', () => {
    const values = markProcessingValues('a', 'b');
    const parsed = parse(updateParser, markProcessing.update, contextOf(markProcessing.names, values)) as { paths: unknown[]; sections: { path: unknown }[] };
    const template = ExpressionTemplate.of(parsed, values);

    const tree = template?.instantiate(markProcessingValues('c', 'd')) as typeof parsed;

    expect(parsed.paths[0]).toBe(parsed.sections[0]?.path);
    expect(tree.paths[0]).toBe(tree.sections[0]?.path);
    expect(tree.paths[0]).not.toBe(parsed.paths[0]);
  });

  it('refuses a tree holding part of a value rather than a whole one', () => {
    const inner = { S: 'x' };
    const values = { ':m': { M: { k: inner } } };

    expect(ExpressionTemplate.of({ args: [inner] }, values)).toBeUndefined();
  });

  it('refuses values sharing one object, whose places it could not tell apart', () => {
    const shared = { S: 'x' };

    expect(ExpressionTemplate.of({ args: [shared] }, { ':a': shared, ':b': shared })).toBeUndefined();
  });
});
