import { PassThrough } from 'node:stream';
import { PasswordCancelledError, readPassword, type PasswordInput } from '../../../cli/companies/readPassword';

/** A fake terminal: what is typed goes in, raw mode is recorded. */
function terminal(): { input: PasswordInput & PassThrough; rawModes: boolean[] } {
  const rawModes: boolean[] = [];
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => rawModes.push(mode) });
  return { input, rawModes };
}

function screen(): { output: PassThrough; shown: () => string } {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { output, shown: () => chunks.join('') };
}

describe('readPassword', () => {
  it('takes the password from the environment variable named, empty included', async () => {
    expect(await readPassword({ prompt: 'p: ', envVar: 'PFX_PASSWORD', env: { PFX_PASSWORD: 'segredo' } })).toBe('segredo');
    expect(await readPassword({ prompt: 'p: ', envVar: 'PFX_PASSWORD', env: { PFX_PASSWORD: '' } })).toBe('');
  });

  it('refuses an environment variable that is not set', async () => {
    await expect(readPassword({ prompt: 'p: ', envVar: 'PFX_PASSWORD', env: {} })).rejects.toThrow('--password-env PFX_PASSWORD: PFX_PASSWORD is not set');
  });

  it('refuses to ask when stdin is not a terminal', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });

    await expect(readPassword({ prompt: 'p: ', input, env: {} })).rejects.toThrow(
      'no password: put it in an environment variable and name it with --password-env VAR (never on the command line), or run on a terminal to be asked for it',
    );
  });

  it('asks on the terminal in raw mode, echoing nothing, and honours backspace', async () => {
    const { input, rawModes } = terminal();
    const { output, shown } = screen();

    const answer = readPassword({ prompt: 'Password of a.pfx: ', input, output, env: {} });
    input.write('senhx');
    input.write('\u007fa ç\r');

    expect(await answer).toBe('senha ç');
    expect(shown()).toBe('Password of a.pfx: \n');
    expect(rawModes).toEqual([true, false]);
  });

  it('gives up on Ctrl-C, and on Ctrl-D before anything was typed, leaving raw mode', async () => {
    const first = terminal();
    const cancelled = readPassword({ prompt: 'p: ', input: first.input, output: new PassThrough(), env: {} });
    first.input.write('abc\u0003');
    const second = terminal();
    const ended = readPassword({ prompt: 'p: ', input: second.input, output: new PassThrough(), env: {} });
    second.input.write('\u0004');

    await expect(cancelled).rejects.toBeInstanceOf(PasswordCancelledError);
    await expect(ended).rejects.toThrow('no password given: cancelled at the prompt');
    expect([first.rawModes, second.rawModes]).toEqual([
      [true, false],
      [true, false],
    ]);
  });
});
