import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { rateSlotKey } from '../../../contracts/cityLimits';
import pino from 'pino';
import { CITY_LIMITER_DEFAULTS, CityLimiter, type CityLimiterOptions } from '../../../adapter-container/limits/CityLimiter';
import type { MunicipalityConfig } from '../../../contracts/municipality';
import { FakeClock } from '../../../lib/clock/FakeClock';
import { createCityLimitsTable } from '../support/cityLimitsTable';
import { requireServices } from '../../harness/requireServices';

/** One adapter task: its own limiter and its own clock (a crashed task's clock stands still: no renewals). */
interface Task {
  readonly clock: FakeClock;
  readonly limiter: CityLimiter;
}

const RUNNING = new AbortController().signal;

/** A city of its own per test: the suites share one table, the tests one table too. */
function city(code: string, limits: Pick<MunicipalityConfig, 'concurrency'> & Partial<Pick<MunicipalityConfig, 'ratePerSecond'>>): Pick<MunicipalityConfig, 'code' | 'concurrency' | 'ratePerSecond'> {
  return { code, ...limits };
}

/** DynamoDB calls sent and not answered yet (counted by a middleware on the suite's client). */
let inFlight = 0;
/** Every DynamoDB call sent, by command name, in order. */
const sent: string[] = [];
/** While set, every DeleteItem waits for it before it goes out: a delete still on its way. */
let deletesHeld: Promise<void> | undefined;

/**
 * Lets the DynamoDB round trips that the fired timers started land (real I/O under fake time), and
 * what they set off: quiet for three checks in a row, since on a loaded machine the call an answer
 * sets off may leave more than one check after it.
 */
async function settle(): Promise<void> {
  for (let quiet = 0; quiet < 3; quiet = inFlight > 0 ? 0 : quiet + 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Moves the clocks of `tasks` forward together, `stepMs` at a time, letting each step's calls land. */
async function advance(tasks: readonly Task[], ms: number, stepMs = 500): Promise<void> {
  for (let done = 0; done < ms; done += stepMs) {
    for (const task of tasks) await task.clock.advance(Math.min(stepMs, ms - done));
    await settle();
  }
}

/** Whether `promise` has settled, after giving it a moment. */
async function stateOf(promise: Promise<unknown>): Promise<'resolved' | 'rejected' | 'pending'> {
  return Promise.race([promise.then(() => 'resolved' as const, () => 'rejected' as const), new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 150))]);
}

describe('CityLimiter against the local DynamoDB (two tasks sharing one city limits table, fake clocks)', () => {
  let table = '';
  let dynamodb: DynamoDBDocumentClient;
  const start = Date.now();
  const limiters: CityLimiter[] = [];

  beforeAll(async () => {
    await requireServices(['dynamodb']);
    ({ table, dynamodb } = await createCityLimitsTable());
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        sent.push(String(context.commandName));
        inFlight++;
        try {
          return await next(args);
        } finally {
          inFlight--;
        }
      },
      { step: 'initialize', name: 'countInFlight' },
    );
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'DeleteItemCommand' && deletesHeld !== undefined) await deletesHeld;
        return next(args);
      },
      { step: 'build', name: 'holdDeletes' },
    );
  });

  afterAll(async () => {
    await Promise.all(limiters.map((limiter) => limiter.stop()));
  });

  function task(taskId: string, options: Partial<CityLimiterOptions> = {}): Task {
    // Real epoch time, so the table's TTL (epoch seconds) never finds the items long expired.
    const clock = new FakeClock(start);
    const limiter = new CityLimiter({ dynamodb, table, clock, logger: pino({ level: 'silent' }), taskId, random: () => 0, ...options });
    limiters.push(limiter);
    return { clock, limiter };
  }

  /** The lease items of `code`: slot → holder (`{taskId}#{attempt}`). */
  async function leases(code: string): Promise<Record<string, string>> {
    const { Items } = await dynamodb.send(new QueryCommand({ TableName: table, KeyConditionExpression: 'city = :city AND begins_with(slot, :lease)', ExpressionAttributeValues: { ':city': code, ':lease': 'lease#' }, ConsistentRead: true }));
    return Object.fromEntries((Items ?? []).map((item) => [String(item.slot), String(item.holder)]));
  }

  /** Which task holds each concurrency slot of `code`, by slot. */
  async function holders(code: string): Promise<Record<string, string>> {
    return Object.fromEntries(Object.entries(await leases(code)).map(([slot, holder]) => [slot, holder.replace(/#\d+$/, '')]));
  }

  it('shares the concurrency between tasks: the other task waits while the city is full and gets the slot once it is freed', async () => {
    const [a, b] = [task('task-a'), task('task-b')];
    const saoPaulo = city('1000001', { concurrency: 2 });
    const releaseFirst = await a.limiter.acquire(saoPaulo, RUNNING);
    await a.limiter.acquire(saoPaulo, RUNNING);

    const waiting = b.limiter.acquire(saoPaulo, RUNNING);
    await advance([a, b], 2_000);

    expect(await stateOf(waiting)).toBe('pending');
    expect(await holders(saoPaulo.code)).toEqual({ 'lease#0': 'task-a', 'lease#1': 'task-a' });

    releaseFirst();
    await advance([a, b], 1_000);

    expect(await stateOf(waiting)).toBe('resolved');
    expect(await holders(saoPaulo.code)).toEqual({ 'lease#0': 'task-b', 'lease#1': 'task-a' });
  });

  it('gives a crashed task\'s slot to another task once its lease expires (30 s), not before', async () => {
    const [crashed, b] = [task('task-crashed'), task('task-b')];
    const rio = city('1000002', { concurrency: 1 });
    await crashed.limiter.acquire(rio, RUNNING);

    // The crashed task's clock stands still: it never renews nor releases.
    const waiting = b.limiter.acquire(rio, RUNNING);
    await advance([b], 29_000, 2_000);

    expect(await stateOf(waiting)).toBe('pending');

    await advance([b], 2_000);

    expect(await stateOf(waiting)).toBe('resolved');
    expect(await holders(rio.code)).toEqual({ 'lease#0': 'task-b' });
  });

  it('renews the slot of a call that runs past the lease, so no other task takes it meanwhile', async () => {
    const [a, b] = [task('task-a'), task('task-b')];
    const bh = city('1000003', { concurrency: 1 });
    const release = await a.limiter.acquire(bh, RUNNING);

    const waiting = b.limiter.acquire(bh, RUNNING);
    await advance([a, b], 75_000, 2_500);

    expect(await stateOf(waiting)).toBe('pending');
    expect(await holders(bh.code)).toEqual({ 'lease#0': 'task-a' });

    release();
    await advance([a, b], 1_000);

    expect(await stateOf(waiting)).toBe('resolved');
    expect(await holders(bh.code)).toEqual({ 'lease#0': 'task-b' });
  });

  it('costs back-to-back calls to the same city nothing: the slot is kept for the next call, and freed once none comes', async () => {
    const a = task('task-a');
    const natal = city('1000008', { concurrency: 2 });
    sent.length = 0;

    for (let call = 0; call < 5; call++) {
      const release = await a.limiter.acquire(natal, RUNNING);
      release();
      await advance([a], 10, 10);
    }
    const whileBusy = [...sent];
    // Idle 10 ms already: kept until lingerMs, then freed.
    await advance([a], CITY_LIMITER_DEFAULTS.lingerMs - 20, 10);
    const whileLingering = [...sent];
    await advance([a], 100, 50);

    expect(whileBusy).toEqual(['UpdateItemCommand']);
    expect(whileLingering).toEqual(['UpdateItemCommand']);
    expect(sent).toEqual(['UpdateItemCommand', 'DeleteItemCommand']);
    expect(await holders(natal.code)).toEqual({});
  });

  it('picks blind none of the slots it is freeing: their items stay until the delete lands, and a refused pick costs a Query', async () => {
    const a = task('task-a');
    const olinda = city('1000012', { concurrency: 2 });
    (await a.limiter.acquire(olinda, RUNNING))();
    await settle();
    let landDeletes = (): void => undefined;
    deletesHeld = new Promise<void>((resolve) => (landDeletes = resolve));
    sent.length = 0;

    // Slot 0 lingered its time: its DeleteItem is on its way (held), and a call comes meanwhile.
    await a.clock.advance(CITY_LIMITER_DEFAULTS.lingerMs);
    const release = await a.limiter.acquire(olinda, RUNNING);
    const sentMeanwhile = [...sent];
    const whileFreeing = await holders(olinda.code);
    landDeletes();
    deletesHeld = undefined;
    await settle();

    expect(sentMeanwhile).toEqual(['DeleteItemCommand', 'UpdateItemCommand']);
    expect(whileFreeing).toEqual({ 'lease#0': 'task-a', 'lease#1': 'task-a' });
    expect(await holders(olinda.code)).toEqual({ 'lease#1': 'task-a' });
    release();
  });

  it('takes a slot each for callers of one task arriving together, one write apiece', async () => {
    const a = task('task-a');
    const maceio = city('1000009', { concurrency: 3 });
    sent.length = 0;

    await Promise.all([a.limiter.acquire(maceio, RUNNING), a.limiter.acquire(maceio, RUNNING), a.limiter.acquire(maceio, RUNNING)]);

    expect(sent).toEqual(['UpdateItemCommand', 'UpdateItemCommand', 'UpdateItemCommand']);
    expect(await holders(maceio.code)).toEqual({ 'lease#0': 'task-a', 'lease#1': 'task-a', 'lease#2': 'task-a' });
    expect(new Set(Object.values(await leases(maceio.code))).size).toBe(3);
  });

  it("says when a caller queues behind the task's own calls to the city (all its permits in use), and when that wait is over, not when another task holds the slot", async () => {
    const [a, b] = [task('task-a'), task('task-b')];
    const natal = city('1000011', { concurrency: 1 });
    const events: string[] = [];
    const onQueued = (name: string) => (): (() => void) => {
      events.push(`${name} queued`);
      return () => events.push(`${name} dequeued`);
    };
    const releaseFirst = await a.limiter.acquire(natal, RUNNING, onQueued('a1'));
    // b waits for the slot a holds in the table: that is the city's shared wait, not a queue behind b's own calls.
    const otherTask = b.limiter.acquire(natal, RUNNING, onQueued('b1'));
    const second = a.limiter.acquire(natal, RUNNING, onQueued('a2'));
    await advance([a, b], 1_000);
    const whileQueued = [...events];

    releaseFirst();
    await advance([a, b], 6_000);
    await Promise.race([second, otherTask]);

    expect(whileQueued).toEqual(['a2 queued']);
    expect(events).toEqual(['a2 queued', 'a2 dequeued']);
  });

  it('stops waiting when the caller aborts, holding nothing, here or in the table', async () => {
    const [a, b] = [task('task-a'), task('task-b')];
    const curitiba = city('1000004', { concurrency: 1 });
    const release = await a.limiter.acquire(curitiba, RUNNING);
    const caller = new AbortController();
    const waiting = b.limiter.acquire(curitiba, caller.signal);
    await advance([a, b], 1_000);

    caller.abort(new Error('the task is gone'));

    await expect(waiting).rejects.toThrow('the task is gone');
    expect(b.limiter.inUse(curitiba.code)).toBe(0);
    release();
    await advance([a, b], 1_000);
    expect(await holders(curitiba.code)).toEqual({});
  });

  it('gives the slot back when the caller aborts while waiting for the rate', async () => {
    const [a, b] = [task('task-a', { rateGuardMs: 0 }), task('task-b', { rateGuardMs: 0 })];
    const recife = city('1000005', { concurrency: 2, ratePerSecond: 1 });
    await a.limiter.acquire(recife, RUNNING);
    const caller = new AbortController();
    const waiting = b.limiter.acquire(recife, caller.signal);
    await advance([a, b], 500, 100);
    expect(await stateOf(waiting)).toBe('pending');
    expect(await holders(recife.code)).toEqual({ 'lease#0': 'task-a', 'lease#1': 'task-b' });

    caller.abort(new Error('shutdown'));

    await expect(waiting).rejects.toThrow('shutdown');
    // Kept idle for another call of task-b's for lingerMs, then freed.
    await advance([a, b], CITY_LIMITER_DEFAULTS.lingerMs + 100, 100);
    expect(await holders(recife.code)).toEqual({ 'lease#0': 'task-a' });
    expect(b.limiter.inUse(recife.code)).toBe(0);
  });

  it('starts no more than ratePerSecond calls within any second across tasks', async () => {
    const [a, b] = [task('task-a', { rateGuardMs: 0 }), task('task-b', { rateGuardMs: 0 })];
    const salvador = city('1000006', { concurrency: 3, ratePerSecond: 2 });
    const startedAt: number[] = [];
    const call = async (t: Task): Promise<void> => {
      await t.limiter.acquire(salvador, RUNNING);
      startedAt.push(t.clock.now() - start);
    };
    await call(a);
    await call(b);

    const third = call(a);
    await advance([a, b], 900, 100);

    expect(await stateOf(third)).toBe('pending');

    await advance([a, b], 200, 50);

    expect(await stateOf(third)).toBe('resolved');
    expect(startedAt.slice(0, 2)).toEqual([0, 0]);
    expect(startedAt[2]).toBeGreaterThanOrEqual(1_000);
    expect(startedAt[2]).toBeLessThanOrEqual(1_100);
  });

  it('writes a call’s start again when its write answered late, so the slot’s next call waits a window from when this one left', async () => {
    const a = task('task-a');
    const recife = city('1000010', { concurrency: 1, ratePerSecond: 1 });
    // The rate write answers 400 ms after it was sent (a busy store): its recorded start is old news.
    let slowed = false;
    dynamodb.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        // The document client's commands reach this step named as DynamoDB's, their keys not marshalled yet.
        const slot = (args.input as { Key?: { slot?: unknown } }).Key?.slot;
        if (!slowed && context.commandName === 'UpdateItemCommand' && slot === rateSlotKey(0)) {
          slowed = true;
          await a.clock.advance(400);
        }
        return result;
      },
      { step: 'initialize', name: 'slowRateWrite' },
    );
    try {
      await a.limiter.acquire(recife, RUNNING);
    } finally {
      dynamodb.middlewareStack.remove('slowRateWrite');
    }

    const { Item } = await dynamodb.send(new GetCommand({ TableName: table, Key: { city: recife.code, slot: rateSlotKey(0) }, ConsistentRead: true }));
    expect(Item?.startedAt).toBe(a.clock.now());
    expect(a.clock.now() - start).toBe(400);
  });

  it('makes room for a task that waits: a slot reused back to back goes to it after maxHoldMs (5 s)', async () => {
    const [a, b] = [task('task-a'), task('task-b')];
    const fortaleza = city('1000007', { concurrency: 1 });
    let release = await a.limiter.acquire(fortaleza, RUNNING);
    const waiting = b.limiter.acquire(fortaleza, RUNNING);
    // Task a has a call after every call: each release hands the slot to its next caller.
    for (let second = 0; second < 4; second++) {
      const next = a.limiter.acquire(fortaleza, RUNNING);
      await advance([a, b], 1_000);
      release();
      release = await next;
    }

    expect(await stateOf(waiting)).toBe('pending');
    expect(await holders(fortaleza.code)).toEqual({ 'lease#0': 'task-a' });

    const next = a.limiter.acquire(fortaleza, RUNNING);
    await advance([a, b], 4_000);
    release();
    await advance([a, b], 1_000, 100);

    expect(await stateOf(waiting)).toBe('resolved');
    expect(await stateOf(next)).toBe('pending');
    expect(await holders(fortaleza.code)).toEqual({ 'lease#0': 'task-b' });
  });
});
