/**
 * The POST /invoices load of the emission benchmark, run in a worker thread so the client's CPU
 * is not spent on the event loop that serves the API. Two shapes, on keep-alive sockets:
 * - closed loop: `concurrency` clients, each sending the next of `count` pre-serialised requests
 *   as soon as its last answered (the latency is then `concurrency / throughput`, Little's law);
 * - open loop (`ratePerSecond` set): `concurrency` clients sharing `ratePerSecond` evenly, each
 *   sending on its own schedule whether or not its last request answered.
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
  /** Clients. */
  readonly concurrency: number;
  /**
   * Total POSTs per second across the clients (open loop); each client sends every
   * concurrency / ratePerSecond seconds, client i offset by i / ratePerSecond.
   * @default undefined (closed loop)
   */
  readonly ratePerSecond?: number;
}

/** What one load measured. */
export interface PostLoadResult {
  /**
   * Milliseconds per request, in completion order: from the send (closed loop), or from the
   * SCHEDULED send (open loop), so a stall of the server or of this client is counted in full.
   */
  readonly latenciesMs: number[];
  /** performance.timeOrigin + now() of the first send and the last answer (epoch ms). */
  readonly startedAt: number;
  readonly finishedAt: number;
  /** Answers other than 201, by status (-1: no answer). */
  readonly failures: Record<string, number>;
  /** Requests sent per second, first send to last send. */
  readonly achievedPerSecond: number;
  /** Open loop: the longest a send left after its scheduled time (this client's own lag); 0 closed loop. */
  readonly maxSendLagMs: number;
}

type Post = () => Promise<number>;

function poster(job: PostLoadJob, agent: http.Agent): Post {
  const url = new URL(job.url);
  const headers = { ...job.headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(job.body)) };
  return () =>
    new Promise<number>((resolve, reject) => {
      const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      });
      request.on('error', reject);
      request.end(job.body);
    }).catch(() => -1);
}

function sendRate(sends: number, firstSend: number, lastSend: number): number {
  return sends > 1 ? (sends - 1) / Math.max(0.001, (lastSend - firstSend) / 1000) : Number.NaN;
}

async function runClosedLoop(job: PostLoadJob): Promise<PostLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const post = poster(job, agent);
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  let next = 0;
  let lastSend = 0;
  const first = performance.now();
  const startedAt = performance.timeOrigin + first;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.count) {
        next++;
        const t0 = performance.now();
        lastSend = t0;
        const status = await post();
        latenciesMs.push(performance.now() - t0);
        if (status !== 201) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
      }
    }),
  );
  const finishedAt = performance.timeOrigin + performance.now();
  agent.destroy();
  return { latenciesMs, startedAt, finishedAt, failures, achievedPerSecond: sendRate(job.count, first, lastSend), maxSendLagMs: 0 };
}

async function runOpenLoop(job: PostLoadJob, ratePerSecond: number): Promise<PostLoadResult> {
  // Sockets to spare: a client whose last request is still out opens another rather than wait.
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency * 4 });
  const post = poster(job, agent);
  const latenciesMs: number[] = [];
  const failures: Record<string, number> = {};
  const intervalMs = (job.concurrency / ratePerSecond) * 1000;
  let firstSend = Number.POSITIVE_INFINITY;
  let lastSend = 0;
  let maxSendLagMs = 0;
  // A little lead so the first sends are not late by the time it takes to set the clients up.
  const t0 = performance.now() + 20;
  await Promise.all(
    Array.from({ length: job.concurrency }, async (_, client) => {
      const inFlight: Array<Promise<void>> = [];
      // Request k of the whole load is client k % clients' (k / clients)-th: one every 1 / rate s.
      for (let k = client; k < job.count; k += job.concurrency) {
        const scheduled = t0 + client * (intervalMs / job.concurrency) + Math.floor(k / job.concurrency) * intervalMs;
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const sent = performance.now();
        firstSend = Math.min(firstSend, sent);
        lastSend = Math.max(lastSend, sent);
        maxSendLagMs = Math.max(maxSendLagMs, sent - scheduled);
        inFlight.push(
          post().then((status) => {
            latenciesMs.push(performance.now() - scheduled);
            if (status !== 201) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
          }),
        );
      }
      await Promise.all(inFlight);
    }),
  );
  const finishedAt = performance.timeOrigin + performance.now();
  agent.destroy();
  return { latenciesMs, startedAt: performance.timeOrigin + firstSend, finishedAt, failures, achievedPerSecond: sendRate(job.count, firstSend, lastSend), maxSendLagMs };
}

function runLoad(job: PostLoadJob): Promise<PostLoadResult> {
  return job.ratePerSecond === undefined ? runClosedLoop(job) : runOpenLoop(job, job.ratePerSecond);
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
  // A rejection ends this worker thread, which the parent sees as the Worker's 'error' event.
  void runLoad(job).then((result) => parentPort?.postMessage(result));
});
