import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/** Where @sparticuz/chromium unpacked its Chromium, and the flags it runs with. */
export interface ChromiumBinary {
  readonly executablePath: string;
  readonly args: readonly string[];
}

const SCRIPT = `import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(JSON.stringify({ executablePath: await c.executablePath(), args: c.args })))`;

/**
 * For the browser tests and bench:console. @sparticuz/chromium is ESM-only and jest's module
 * sandbox cannot import it, so a short Node
 * process asks it (it unpacks the browser shipped in the npm package once, into /tmp).
 */
export async function chromiumBinary(): Promise<ChromiumBinary> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCRIPT], { cwd: __dirname });
  const binary = JSON.parse(stdout) as ChromiumBinary;
  return { executablePath: binary.executablePath, args: binary.args.filter((arg) => !LAMBDA_ONLY_FLAGS.has(arg.split('=')[0] ?? arg)) };
}

/**
 * Flags @sparticuz/chromium sets for AWS Lambda that would make the tests lie or crash here:
 * `--disable-web-security` turns off CORS (which the console must pass, as in AWS), and
 * `--single-process` closes the browser with its first closed context.
 */
const LAMBDA_ONLY_FLAGS = new Set(['--disable-web-security', '--single-process', '--no-zygote', '--allow-running-insecure-content', '--disable-site-isolation-trials']);
