import { parseArgs } from 'node:util';
import { startProviderMock } from './startProviderMock';

/** `tsx local/provider-mock/main.ts --port 4580 [--host 127.0.0.1] [--async 3550308,...] [--data DIR]`: the mock alone. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PROVIDER_MOCK_PORT ?? '4580' },
      host: { type: 'string', default: '127.0.0.1' },
      async: { type: 'string' },
      data: { type: 'string' },
    },
  });
  const cityModes = Object.fromEntries((values.async ?? '').split(',').filter((code) => code !== '').map((code) => [code.trim(), 'async' as const]));
  const mock = await startProviderMock({ port: Number(values.port), host: values.host, knobs: { cityModes }, dataDir: values.data });
  process.stdout.write(`provider mock at ${mock.url}\n`);
  const shutdown = (): void => {
    mock.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// An entry point: a rejection ends the process with its stack (Node's unhandled-rejection default).
void main();
