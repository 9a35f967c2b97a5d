import type { MessageTraceKeys, MessageTracer } from '../../../adapter-container/tracing/MessageTracer';
import { emitRequest, INVOICE_ID, issuedOutcome, SAO_PAULO, sqsMessage } from '../support/fixtures';
import { processorSetup } from '../support/processorSetup';

/** A tracer that writes where each trace and city call begins and ends into `log` (the setup's order of calls). */
function recordingTracer(log: (entry: string) => void): MessageTracer & { readonly messages: Array<{ header: string | undefined; keys: MessageTraceKeys }> } {
  const messages: Array<{ header: string | undefined; keys: MessageTraceKeys }> = [];
  return {
    messages,
    async inMessage(header, keys, work) {
      messages.push({ header, keys });
      log('trace begins');
      try {
        return await work();
      } finally {
        log('trace ends');
      }
    },
    async cityCall(code, work) {
      log(`city ${code} begins`);
      try {
        return await work();
      } finally {
        log(`city ${code} ends`);
      }
    },
    captureClient: (client) => client,
  };
}

describe('MessageProcessor tracing', () => {
  it('answers each message inside its workflow’s trace (the AWSTraceHeader it came with), the city call alone as its subsegment', async () => {
    let order: string[] = [];
    const tracer = recordingTracer((entry) => order.push(entry));
    const t = processorSetup({ tracer });
    order = t.order;
    t.provider.emitWith = async () => issuedOutcome();
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    const message = sqsMessage(emitRequest());

    const outcome = await t.process({ ...message, Attributes: { ...message.Attributes, AWSTraceHeader: header } });

    expect(outcome).toBe('succeeded');
    expect(tracer.messages).toEqual([{ header, keys: { invoiceId: INVOICE_ID, companyCnpj: emitRequest().companyCnpj, municipalityCode: SAO_PAULO } }]);
    expect(order).toEqual(['trace begins', 'SendTaskHeartbeat', 'GetObject', `city ${SAO_PAULO} begins`, 'provider.emit', `city ${SAO_PAULO} ends`, 'PutObject', 'SendTaskSuccess', 'trace ends', 'DeleteMessageBatch']);
  });

  it('traces a message that came without a trace header too (the tracer decides it is not sampled)', async () => {
    const tracer = recordingTracer(() => undefined);
    const t = processorSetup({ tracer });
    t.provider.emitWith = async () => issuedOutcome();

    expect(await t.process(sqsMessage(emitRequest()))).toBe('succeeded');
    expect(tracer.messages.map((message) => message.header)).toEqual([undefined]);
  });
});
