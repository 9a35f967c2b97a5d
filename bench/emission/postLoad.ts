/**
 * The POST /invoices load of the emission benchmark, run in a worker thread so the client's CPU
 * is not spent on the event loop that serves the API: `concurrency` clients on keep-alive
 * sockets, each sending the next of `count` pre-serialised requests as soon as its last answered.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker, parentPort } from 'node:worker_threads';

/** One load the main thread hands the worker. */
export interface PostLoadJob {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly count: number;
  readonly concurrency: number;
}

/** What one load measured. */
export interface PostLoadResult {
  /** Milliseconds per request, in completion order. */
  readonly latenciesMs: number[];
  /** performance.timeOrigin + now() of the first send and the last answer (epoch ms). */
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Answers other than 201, by status. */
  readonly failures: Record<string, number>;
}

async function runLoad(job: PostLoadJob): Promise<PostLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const url = new URL(job.url);
  const headers = { ...job.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(job.body)) };
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  const post = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(job.body);
    });
  const startedAt = performance.timeOrigin + performance.now();
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.count) {
        next++;
        const t0 = performance.now();
        const status = await post().catch(() => -1);
        latenciesMs.push(performance.now() - t0);
        if (status !== 201) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
      }
    }),
  );
  const finishedAt = performance.timeOrigin + performance.now();
  agent.destroy();
  return { latenciesMs, startedAt, finishedAt, failures };
}

/** A worker thread that runs one POST load at a time. */
export class PostLoadWorker {
  private readonly worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(__filename)});`, { eval: true });

  /** Runs `job` in the worker. */
  public run(job: PostLoadJob): Promise<PostLoadResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (result: PostLoadResult) => {
        this.worker.off('error', onError);
        resolve(result);
      });
      this.worker.postMessage(job);
    });
  }

  public async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

parentPort?.on('message', (job: PostLoadJob) => {
  void runLoad(job).then((result) => parentPort?.postMessage(result));
});
