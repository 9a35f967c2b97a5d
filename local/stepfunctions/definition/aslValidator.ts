import { Worker } from 'node:worker_threads';

/** One complaint of asl-validator. */
interface AslValidatorError {
  readonly 'Error code': string;
  readonly Message: string;
}
interface AslValidatorResult {
  readonly isValid: boolean;
  readonly errors: readonly AslValidatorError[];
}
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => AslValidatorResult;

// asl-validator ships no type declarations; its CommonJS export is the function itself.
const aslValidator = require('asl-validator') as AslValidator;

const OPTIONS = { checkArn: false, checkPaths: false } as const;

/**
 * asl-validator 4.0.0 rejects a few things AWS accepts (JSONata `Condition: true`, literal
 * string Outputs, fractional ToleratedFailurePercentage, and, inside payload templates and
 * Assign, lists of constants such as `[1, null]` or empty strings); these instance paths are
 * dropped, and parseDefinition checks payload templates and Assign itself.
 */
const FALSE_POSITIVES: readonly RegExp[] = [
  /\/Condition is invalid/,
  /\/(Output|Arguments|Assign) is invalid/,
  /\/(Output|Arguments|Assign|Parameters|ResultSelector|ItemSelector)\/\S+ is invalid/,
  /\/ToleratedFailurePercentage is invalid\. must be integer/,
  /\/(MaxConcurrency|ToleratedFailureCount|ToleratedFailurePercentage|Seconds|TimeoutSeconds|HeartbeatSeconds|Items) is invalid/,
  /\/Type is invalid\. must be equal to one of the allowed values/,
];

/** asl-validator builds a new Ajv and compiles its schemas on every call (~0.1–0.5 s of CPU): results are kept per text. */
const cache = new Map<string, readonly string[]>();
const CACHE_SIZE = 500;

function problemsOf(errors: readonly AslValidatorError[]): readonly string[] {
  return errors.map((e) => `${e['Error code']}: ${e.Message}`).filter((message) => !FALSE_POSITIVES.some((re) => re.test(message)));
}

function remember(text: string, problems: readonly string[]): readonly string[] {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, problems);
  return problems;
}

/** asl-validator's complaints about a definition (its text and parsed value), worded `CODE: message at /path`. */
export function aslValidatorProblems(text: string, raw: unknown): readonly string[] {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  // asl-validator mutates what it validates (it fills in QueryLanguage): give it a copy.
  const result = aslValidator(structuredClone(raw), OPTIONS);
  return remember(text, result.isValid ? [] : problemsOf(result.errors));
}

/**
 * The same, computed on a worker thread: the validator's schema compilation then never holds the
 * event loop on which executions, timers and API requests run (under load it took seconds).
 */
export async function aslValidatorProblemsOffThread(text: string, raw: unknown): Promise<readonly string[]> {
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const errors = await validatorThread().validate(raw);
  return remember(text, errors === undefined ? aslValidatorProblems(text, raw) : problemsOf(errors));
}

/** The worker's script (plain JavaScript: the worker loads no TypeScript transform). */
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const validator = require(workerData.validatorPath);
parentPort.on('message', ({ id, definition }) => {
  const result = validator(definition, workerData.options);
  parentPort.postMessage({ id, errors: result.isValid ? [] : result.errors.map((e) => ({ 'Error code': e['Error code'], Message: e.Message })) });
});
`;

/** One long-lived worker running asl-validator; unreferenced, so it never keeps the process alive. */
class ValidatorThread {
  private worker?: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, (errors: readonly AslValidatorError[] | undefined) => void>();

  /** The validator's errors, or undefined when the worker failed (the caller then validates in-line). */
  public validate(definition: unknown): Promise<readonly AslValidatorError[] | undefined> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      if (this.pending.size === 1) worker.ref();
      worker.postMessage({ id, definition });
    });
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(WORKER_SCRIPT, { eval: true, workerData: { validatorPath: require.resolve('asl-validator'), options: OPTIONS } });
    worker.unref();
    worker.on('message', ({ id, errors }: { id: number; errors: readonly AslValidatorError[] }) => this.settle(id, errors));
    worker.on('error', () => this.fail(worker));
    worker.on('exit', () => this.fail(worker));
    this.worker = worker;
    return worker;
  }

  private settle(id: number, errors: readonly AslValidatorError[] | undefined): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    // Referenced only while an answer is awaited, so an idle worker never holds the process open.
    if (this.pending.size === 0) this.worker?.unref();
    resolve?.(errors);
  }

  private fail(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
  }
}

let thread: ValidatorThread | undefined;

function validatorThread(): ValidatorThread {
  thread ??= new ValidatorThread();
  return thread;
}
