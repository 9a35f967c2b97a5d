import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { readJsonLines } from '../../../local/provider-mock/readJsonLines';

const EventSchema = z.strictObject({ n: z.number() });

describe('readJsonLines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'json-lines-'));
  const file = (name: string, text: string): string => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, text);
    return at;
  };

  it('reads each line with the schema, skipping blank lines', () => {
    expect(readJsonLines(file('ok.jsonl', '{"n":1}\n\n{"n":2}\n'), EventSchema, 'the journal')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('reads nothing from a file that does not exist yet', () => {
    expect(readJsonLines(path.join(dir, 'absent.jsonl'), EventSchema, 'the journal')).toEqual([]);
  });

  it('drops a torn last line, as a crash inside a write leaves it', () => {
    expect(readJsonLines(file('torn.jsonl', '{"n":1}\n{"n":'), EventSchema, 'the journal')).toEqual([{ n: 1 }]);
  });

  it('refuses a bad line that is not the last, naming the journal, the file and the line', () => {
    const damaged = file('damaged.jsonl', '{"n":1}\n{"n":"two"}\n{"n":3}\n');

    expect(() => readJsonLines(damaged, EventSchema, "the national mock's ledger")).toThrow(`the national mock's ledger ${damaged} is damaged at line 2`);
  });
});
