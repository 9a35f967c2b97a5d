import fs from 'node:fs/promises';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The JSON in `file`, or on stdin for `-`; a file that is not JSON is an error naming it. */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = file === '-' ? await readStdin() : await fs.readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file === '-' ? 'stdin' : file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
