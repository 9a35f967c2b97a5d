import { parseCsv } from '../../../../local/stepfunctions/engine/states/parseCsv';
import { engineHarness, settle } from './engineHarness';

function readerMachine(readerConfig: object): object {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: readerConfig, Parameters: { Bucket: 'b', 'Key.$': '$.key' } },
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      },
    },
  };
}

describe('parseCsv', () => {
  it('parses quoted fields, doubled quotes and CRLF line ends', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"']]);
  });
});

describe('Map ItemReader', () => {
  it('reads a CSV object from S3 with its first row as headers', async () => {
    const harness = engineHarness([() => Promise.resolve({ Body: 'id,name\n1,Ana\n2,Bia\n' })]);
    const execution = harness.start(readerMachine({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }), { key: 'items.csv' });

    await settle(harness.clock);

    expect(harness.calls[0]?.resource).toBe('arn:aws:states:::aws-sdk:s3:getObject');
    expect(harness.calls[0]?.parameters).toEqual({ Bucket: 'b', Key: 'items.csv' });
    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual([{ id: '1', name: 'Ana' }, { id: '2', name: 'Bia' }]);
  });

  it('reads a JSON array object and honours MaxItems', async () => {
    const harness = engineHarness([() => Promise.resolve({ Body: '[{"n":1},{"n":2},{"n":3}]' })]);
    const execution = harness.start(readerMachine({ InputType: 'JSON', MaxItems: 2 }), { key: 'items.json' });

    await settle(harness.clock);

    expect(execution.outcome.output).toBe('[{"n":1},{"n":2}]');
  });

  it('fails with States.ItemReaderFailed when the object is not an array', async () => {
    const harness = engineHarness([() => Promise.resolve({ Body: '{"n":1}' })]);
    const execution = harness.start(readerMachine({ InputType: 'JSON' }), { key: 'bad.json' });

    await settle(harness.clock);

    expect(execution.outcome.error).toBe('States.ItemReaderFailed');
  });

  it('groups items into batches with the BatchInput', async () => {
    const harness = engineHarness([() => Promise.resolve({ Body: '[1,2,3,4,5]' })]);
    const machine = readerMachine({ InputType: 'JSON' }) as { States: { Each: Record<string, unknown> } };
    machine.States.Each.ItemBatcher = { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.key' } };
    const execution = harness.start(machine, { key: 'nums.json' });

    await settle(harness.clock);

    expect(JSON.parse(execution.outcome.output ?? 'null')).toEqual([
      { BatchInput: { run: 'nums.json' }, Items: [1, 2] },
      { BatchInput: { run: 'nums.json' }, Items: [3, 4] },
      { BatchInput: { run: 'nums.json' }, Items: [5] },
    ]);
  });
});
