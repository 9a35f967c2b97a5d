import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { processRequestHandler, setProcessRequestHandler } from '../../../lib/aws/processRequestHandler';
import { createLogger } from '../../../local/createLogger';
import { EdgeFirstHttpHandler, routeProcessClientsToEdges } from '../../../local/edge/EdgeFirstHttpHandler';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { awsClients } from '../../../tasks/shared/clients';

/** Counts the TCP connections this process opens from now on. */
function countConnects(): { readonly count: () => number; readonly restore: () => void } {
  const connect = jest.spyOn(net.Socket.prototype, 'connect');
  return { count: () => connect.mock.calls.length, restore: () => connect.mockRestore() };
}

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('EdgeFirstHttpHandler', () => {
  let cloud: LocalCloud;
  const savedEnv = { ...process.env };

  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, services: ['sqs'], logger: createLogger('warn') });
  });

  afterAll(async () => {
    setProcessRequestHandler(undefined);
    process.env = savedEnv;
    await cloud.stop();
  });

  it('hands a request for an edge of this process to it, without a socket', async () => {
    const sqs = new SQSClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials, requestHandler: new EdgeFirstHttpHandler() });
    const connects = countConnects();
    try {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'edge-first' }));
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'olá' }));
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));

      expect(received.Messages?.map((message) => message.Body)).toEqual(['olá']);
      expect(connects.count()).toBe(0);
    } finally {
      connects.restore();
      sqs.destroy();
    }
  });

  it('sends any other request over HTTP, as the SDK would', async () => {
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(`${request.method} ${request.headers['x-amz-target']}`);
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify({ QueueUrl: 'http://elsewhere/000000000000/q' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sqs = new SQSClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'us-east-1', credentials, requestHandler: new EdgeFirstHttpHandler() });
    const connects = countConnects();
    try {
      const created = await sqs.send(new CreateQueueCommand({ QueueName: 'elsewhere' }));

      expect(created.QueueUrl).toBe('http://elsewhere/000000000000/q');
      expect(seen).toEqual(['POST AmazonSQS.CreateQueue']);
      expect(connects.count()).toBe(1);
    } finally {
      connects.restore();
      sqs.destroy();
      server.close();
    }
  });

  it('is what the production clients of a process running a local cloud send through', async () => {
    Object.assign(process.env, cloud.env);
    const connects = countConnects();
    try {
      const { QueueUrl } = await awsClients().sqs.send(new CreateQueueCommand({ QueueName: 'production-client' }));
      await awsClients().sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'from a zip function' }));

      expect(processRequestHandler().requestHandler).toBeInstanceOf(EdgeFirstHttpHandler);
      expect(connects.count()).toBe(0);
    } finally {
      connects.restore();
    }
  });

  it('sends over HTTP once LOCAL_EDGE_IN_PROCESS=0, even through a client built before', async () => {
    const sqs = new SQSClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials, requestHandler: new EdgeFirstHttpHandler() });
    process.env.LOCAL_EDGE_IN_PROCESS = '0';
    const connects = countConnects();
    try {
      await sqs.send(new CreateQueueCommand({ QueueName: 'switched-off' }));

      expect(connects.count()).toBe(1);
    } finally {
      connects.restore();
      delete process.env.LOCAL_EDGE_IN_PROCESS;
      sqs.destroy();
    }
  });

  it('leaves the clients on HTTP with LOCAL_EDGE_IN_PROCESS=0', () => {
    routeProcessClientsToEdges();
    process.env.LOCAL_EDGE_IN_PROCESS = '0';
    try {
      routeProcessClientsToEdges();

      expect(processRequestHandler()).toEqual({});
    } finally {
      delete process.env.LOCAL_EDGE_IN_PROCESS;
    }
  });
});
