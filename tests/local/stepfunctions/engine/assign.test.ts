import { parseDefinition } from '../../../../local/stepfunctions/definition/parseDefinition';
import { engineHarness, servedHistory, settle } from './engineHarness';

/** Every kind of JSON constant, as a recorded AWS execution assigns them (none is evaluated in a JSONPath state). */
const CONSTANTS = {
  constant_null: null,
  constant_int: 0,
  constant_float: 0.1,
  constant_bool: true,
  constant_str: 'constant string',
  constant_str_path: '$.no.such.path',
  constant_str_contextpath: '$$.Execution.Id',
  constant_str_var: '$noSuchVar',
  constant_str_intrinsic_func: "States.Format('Format Func {}', $varname)",
  constant_str_jsonata_expr: '{% $varname.varfield %}',
  constant_lst_empty: [],
  constant_lst: [null, 0, 0.1, true, '$.no.such.path', '$varname', '{% $varname %}', '$$', "States.Format('{}', $varname)", [], { constant: 0 }],
  constant_obj_empty: {},
  constant_obj: { in_obj_constant_null: null, in_obj_constant_lst: [null, 1, 'x'], in_obj_constant_obj: { constant: 0 } },
};

describe('Assign', () => {
  describe('the constants a definition may assign', () => {
    it('accepts every JSON constant in a JSONPath Assign, nested in lists and objects, and stores each as written', async () => {
      const harness = engineHarness();
      const definition = { StartAt: 'State0', States: { State0: { Type: 'Pass', Assign: CONSTANTS, End: true } } };

      const execution = harness.start(definition, { input_value: 'input_value_literal' });
      await settle(harness.clock);

      const exited = servedHistory(execution).find((e) => e.type === 'PassStateExited');
      expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '{"input_value":"input_value_literal"}' });
      expect(exited?.stateExitedEventDetails).toEqual({
        name: 'State0',
        output: '{"input_value":"input_value_literal"}',
        outputDetails: { truncated: false },
        assignedVariables: {
          constant_null: 'null',
          constant_int: '0',
          constant_float: '0.1',
          constant_bool: 'true',
          constant_str: '"constant string"',
          constant_str_path: '"$.no.such.path"',
          constant_str_contextpath: '"$$.Execution.Id"',
          constant_str_var: '"$noSuchVar"',
          constant_str_intrinsic_func: '"States.Format(\'Format Func {}\', $varname)"',
          constant_str_jsonata_expr: '"{% $varname.varfield %}"',
          constant_lst_empty: '[]',
          constant_lst: '[null,0,0.1,true,"$.no.such.path","$varname","{% $varname %}","$$","States.Format(\'{}\', $varname)",[],{"constant":0}]',
          constant_obj_empty: '{}',
          constant_obj: '{"in_obj_constant_null":null,"in_obj_constant_lst":[null,1,"x"],"in_obj_constant_obj":{"constant":0}}',
        },
        assignedVariablesDetails: { truncated: false },
      });
    });

    it('accepts lists of constants and empty strings in a JSONata Assign', async () => {
      const harness = engineHarness();
      const definition = {
        QueryLanguage: 'JSONata',
        StartAt: 'S',
        States: {
          S: { Type: 'Pass', Assign: { list: [1, null, 'x', '{% 1 + 1 %}'], empty: '', obj: {} }, Next: 'T' },
          T: { Type: 'Pass', Output: { list: '{% $list %}', empty: '{% $empty %}', obj: '{% $obj %}' }, End: true },
        },
      };

      const execution = harness.start(definition);
      await settle(harness.clock);

      expect(execution.outcome).toEqual({ status: 'SUCCEEDED', output: '{"list":[1,null,"x",2],"empty":"","obj":{}}' });
    });

    it('accepts lists of constants in Parameters and in the Assign of a Choice rule and a Catch', () => {
      const definition = {
        StartAt: 'P',
        States: {
          P: { Type: 'Pass', Parameters: { list: [1, null, 'x'] }, Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Variable: '$.list', IsPresent: true, Assign: { seen: [null, 2] }, Next: 'T' }], Default: 'T' },
          T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failed: [true, null] }, Next: 'E' }], End: true },
          E: { Type: 'Succeed' },
        },
      };

      expect(() => parseDefinition(JSON.stringify(definition))).not.toThrow();
    });

    it('rejects an Assign that is not an object', () => {
      const definition = { StartAt: 'S', States: { S: { Type: 'Pass', Assign: 'x', End: true } } };

      expect(() => parseDefinition(JSON.stringify(definition))).toThrow("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'Assign' must be a JSON object at /States/S/Assign'");
    });

    it('rejects a JSONPath Assign field ending in .$ whose value is neither a path nor an intrinsic function', () => {
      const definition = { StartAt: 'S', States: { S: { Type: 'Pass', Assign: { 'x.$': 'not a path' }, End: true } } };

      expect(() => parseDefinition(JSON.stringify(definition))).toThrow(
        "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call at /States/S/Assign'",
      );
    });
  });

  describe('the field an evaluation error names', () => {
    const cases: [string, object, string][] = [
      ['Assign', { Type: 'Pass', Assign: { result: '{% $doesNotExist %}' }, End: true }, 'Assign/result'],
      ['Output', { Type: 'Pass', Output: { result: '{% $doesNotExist %}' }, End: true }, 'Output/result'],
      ['a nested Output field', { Type: 'Pass', Output: { a: { b: '{% $doesNotExist %}' } }, End: true }, 'Output/a/b'],
      ['the whole Output', { Type: 'Pass', Output: '{% $doesNotExist %}', End: true }, 'Output'],
      ['an Arguments field', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { FunctionName: '{% $doesNotExist %}' }, End: true }, 'Arguments/FunctionName'],
    ];

    it.each(cases)('names the member of %s that returned nothing', async (_what, state, location) => {
      const harness = engineHarness();
      const definition = { QueryLanguage: 'JSONata', StartAt: 'State0', States: { State0: state } };

      const execution = harness.start(definition);
      await settle(harness.clock);

      const cause = `An error occurred while executing the state 'State0' (entered at the event id #2). The JSONata expression '$doesNotExist' specified for the field '${location}' returned nothing (undefined).`;
      const failed = servedHistory(execution).find((e) => e.type === 'EvaluationFailed');
      expect(execution.outcome).toEqual({ status: 'FAILED', error: 'States.QueryEvaluationError', cause });
      expect(failed?.evaluationFailedEventDetails).toEqual({ error: 'States.QueryEvaluationError', cause, location, state: 'State0' });
    });
  });
});
