import type { Readable, Writable } from 'node:stream';

/** A terminal to read from: stdin when it is one. */
export interface PasswordInput extends Readable {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/** Where {@link readPassword} looks for the password. */
export interface PasswordSource {
  /** What is asked on the terminal, e.g. `Password of cert.pfx: `. */
  readonly prompt: string;
  /** The environment variable `--password-env` named. @default none: ask on the terminal */
  readonly envVar?: string;
  /** @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default process.stdin */
  readonly input?: PasswordInput;
  /** Where the prompt goes (stdout stays for the result). @default process.stderr */
  readonly output?: Writable;
}

/** The user gave up at the prompt (Ctrl-C, or Ctrl-D on an empty line). */
export class PasswordCancelledError extends Error {
  public constructor() {
    super('no password given: cancelled at the prompt');
    this.name = 'PasswordCancelledError';
  }
}

/**
 * A password from the environment variable named, or typed at a hidden prompt when stdin is a
 * terminal. Never from the command line: arguments show in `ps`, shell history and CI logs.
 */
export async function readPassword(source: PasswordSource): Promise<string> {
  const env = source.env ?? process.env;
  if (source.envVar !== undefined) {
    const value = env[source.envVar];
    if (value === undefined) throw new Error(`--password-env ${source.envVar}: ${source.envVar} is not set`);
    return value;
  }
  const input = source.input ?? process.stdin;
  if (input.isTTY !== true || input.setRawMode === undefined) {
    throw new Error('no password: put it in an environment variable and name it with --password-env VAR (never on the command line), or run on a terminal to be asked for it');
  }
  return askHidden(input, input.setRawMode.bind(input), source.output ?? process.stderr, source.prompt);
}

/** Reads one line in raw mode, so the terminal echoes nothing of it. */
function askHidden(input: Readable, setRawMode: (mode: boolean) => unknown, output: Writable, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = (error?: Error): void => {
      input.removeListener('data', onData);
      setRawMode(false);
      input.pause();
      output.write('\n');
      if (error === undefined) resolve(typed.join(''));
      else reject(error);
    };
    const onData = (chunk: Buffer | string): void => {
      for (const char of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || (char === '\u0004' && typed.length === 0)) return finish(new PasswordCancelledError());
        if (char === '\u0004') return finish();
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed.push(char);
      }
    };
    // Raw before the prompt shows: a password typed or pasted the moment it appears is not echoed.
    setRawMode(true);
    output.write(prompt);
    input.on('data', onData);
    input.resume();
  });
}
