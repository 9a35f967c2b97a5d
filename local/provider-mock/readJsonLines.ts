import fs from 'node:fs';
import type { z } from 'zod';

/**
 * The events of a JSON-lines journal (the mock city's and the national mock's), each parsed with
 * `schema`; none when the file does not exist. A torn last line (a crash inside a write) is
 * dropped; any other bad line is an error naming `journal` and the line.
 */
export function readJsonLines<T>(file: string, schema: z.ZodType<T>, journal: string): T[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const lines = text.split('\n');
  const events: T[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      events.push(schema.parse(JSON.parse(line)));
    } catch (error) {
      const last = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (!last) throw new Error(`${journal} ${file} is damaged at line ${index + 1}`, { cause: error });
    }
  });
  return events;
}
