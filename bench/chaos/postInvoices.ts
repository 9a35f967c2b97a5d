/** What posting the invoices did. */
export interface PostOutcome {
  /** Ids of the invoices the API accepted (201). */
  readonly invoiceIds: string[];
  /** Answers other than 201, by status (-1: no answer). */
  readonly failures: Record<string, number>;
}

/** One POST /invoices load. */
export interface PostJob {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The bodies, posted in turn (the n-th invoice gets `bodies[n % length]`). */
  readonly bodies: readonly unknown[];
  readonly count: number;
  readonly concurrency: number;
  /** Called after each answer, with how many were posted so far. */
  readonly onPosted?: (posted: number) => void;
}

/** Posts `count` invoices with `concurrency` clients; resolves once every one was answered. */
export async function postInvoices(job: PostJob): Promise<PostOutcome> {
  const invoiceIds: string[] = [];
  const failures: Record<string, number> = {};
  const bodies = job.bodies.map((body) => JSON.stringify(body));
  if (bodies.length === 0) throw new Error('postInvoices needs at least one body');
  let next = 0;
  let answered = 0;
  await Promise.all(
    Array.from({ length: job.concurrency }, async () => {
      while (next < job.count) {
        const body = bodies[next % bodies.length] ?? '';
        next++;
        const status = await postOne(job.url, job.headers, body, invoiceIds);
        if (status !== 201) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
        answered++;
        job.onPosted?.(answered);
      }
    }),
  );
  return { invoiceIds, failures };
}

/** How often one invoice is offered again after 429 (the usage plan's throttle) before it counts as refused. */
const MAX_THROTTLED = 20;

/** POSTs one invoice, waiting out throttling as a client should (Retry-After); returns the last status (-1: no answer). */
async function postOne(url: string, headers: Readonly<Record<string, string>>, body: string, invoiceIds: string[]): Promise<number> {
  for (let throttled = 0; ; throttled++) {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    } catch {
      return -1;
    }
    const answer = (await response.json().catch(() => ({}))) as { invoiceId?: unknown };
    if (response.status === 201 && typeof answer.invoiceId === 'string') invoiceIds.push(answer.invoiceId);
    if (response.status !== 429 || throttled === MAX_THROTTLED) return response.status;
    const retryAfter = Number(response.headers.get('retry-after') ?? '1');
    await new Promise((resolve) => setTimeout(resolve, (Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 1) * 1000));
  }
}
