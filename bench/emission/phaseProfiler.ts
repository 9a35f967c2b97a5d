import fs from 'node:fs/promises';
import { Session } from 'node:inspector';
import path from 'node:path';

/**
 * Profiles this thread during one phase of the benchmark (BENCH_EMISSION_PROFILE=DIR), so the
 * profile shows the steady state rather than start-up (compilation, PGlite, table creation).
 * Open the file with `summariseProfile.ts` or Chrome's DevTools.
 */
export class PhaseProfiler {
  private constructor(
    private readonly session: Session,
    private readonly file: string,
  ) {}

  /** Starts profiling when `dir` is set; undefined otherwise. */
  public static async start(dir: string | undefined, name: string): Promise<PhaseProfiler | undefined> {
    if (dir === undefined || dir === '') return undefined;
    await fs.mkdir(dir, { recursive: true });
    const session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.start');
    return new PhaseProfiler(session, path.join(dir, `${name}.cpuprofile`));
  }

  /** Stops and writes the profile; resolves to its path. */
  public async stop(): Promise<string> {
    const result = (await post(this.session, 'Profiler.stop')) as { profile: unknown };
    this.session.disconnect();
    await fs.writeFile(this.file, JSON.stringify(result.profile));
    return this.file;
  }
}

function post(session: Session, method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, (error, result) => (error !== null ? reject(error) : resolve(result))));
}
