import { Writable } from 'node:stream';
import { createAdapterLogger } from '../../adapter-container/adapterLogger';
import { fullRequest, KEPT, leakedSecrets } from '../lib/logging/fullRequest';

/** A pino destination that keeps every line written. */
function capture(): { readonly stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done): void {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('createAdapterLogger', () => {
  it('writes a full request without its personal data, tokens, headers or key material', () => {
    const output = capture();
    const logger = createAdapterLogger('info', output.stream);

    logger.info({ request: fullRequest }, 'a full request');
    logger.child({ bindings: fullRequest }).warn('the same request as bindings');
    logger.error({ err: new Error(fullRequest.note) }, 'an error quoting a token and a key');

    const text = output.text();
    expect(text.trim().split('\n')).toHaveLength(3);
    expect(leakedSecrets(text)).toEqual([]);
    for (const kept of Object.values(KEPT)) expect(text).toContain(kept);
  });

  it('writes JSON lines with the adapter\'s base fields', () => {
    const output = capture();

    createAdapterLogger('info', output.stream).info({ invoiceId: KEPT.invoiceId }, 'hello');

    expect(JSON.parse(output.text())).toEqual({ level: 30, time: expect.any(Number), component: 'adapter', pid: process.pid, invoiceId: KEPT.invoiceId, msg: 'hello' });
  });
});
