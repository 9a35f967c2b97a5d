import http from 'node:http';
import type { Logger } from 'pino';
import type { EdgeRequest, EdgeResponse } from '../edge/EdgeRequest';
import type { LocalService, ServiceHealth, ServiceState } from '../edge/LocalService';
import { ConditionalPuts } from './ConditionalPuts';
import { forwardHttp, toEdgeResponse, type ForwardedRequest } from './forwardHttp';
import { prepareS3Request } from './prepareS3Request';
import type { S3FastPath } from './S3FastPath';
import { s3Error } from './s3Errors';

/** What {@link S3Service} is built from. */
export interface S3ServiceParts {
  /** s3rver's internal loopback port. */
  readonly port: number;
  readonly logger: Logger;
  /** Answers plain object requests from s3rver's store without the HTTP hop; undefined: every request goes to s3rver. */
  readonly fastPath?: S3FastPath;
  /** Stops s3rver and removes what must not outlive it. */
  readonly shutdown: () => Promise<void>;
}

/** S3 behind the edge: s3rver on an internal port, with requests made safe for it first. */
export class S3Service implements LocalService {
  public readonly name = 's3';
  private state: ServiceState = 'running';
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  private readonly conditionalPuts: ConditionalPuts;

  public constructor(private readonly parts: S3ServiceParts) {
    this.conditionalPuts = new ConditionalPuts(async (path) => (await forwardHttp(this.agent, this.parts.port, { method: 'HEAD', path, headers: { host: `127.0.0.1:${this.parts.port}` }, body: Buffer.alloc(0) })).status === 200);
  }

  public health(): ServiceHealth {
    return { state: this.state };
  }

  public async handle(request: EdgeRequest): Promise<EdgeResponse> {
    try {
      const prepared = prepareS3Request(request, `127.0.0.1:${this.parts.port}`);
      if ('status' in prepared) return prepared;
      const response = await this.conditionalPuts.handle(prepared.forward, (forward) => this.send(forward, request.method));
      // s3rver neither keeps nor returns flexible checksums; S3 echoes the ones a PUT carried.
      if (response.status !== 200 || Object.keys(prepared.checksums).length === 0) return response;
      return { ...response, headers: { ...response.headers, ...prepared.checksums } };
    } catch (error) {
      this.parts.logger.error({ err: error, method: request.method, url: request.rawUrl }, 's3 request failed');
      return s3Error(500, 'InternalError', `The local S3 failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async send(forward: ForwardedRequest, method: string): Promise<EdgeResponse> {
    const fast = await this.parts.fastPath?.tryHandle(forward);
    const response = fast ?? toEdgeResponse(await forwardHttp(this.agent, this.parts.port, forward));
    // A bucket known to exist while its deletion was under way must be looked up again.
    if (fast === undefined && method === 'DELETE') this.parts.fastPath?.forgetBuckets();
    return response;
  }

  public async stop(): Promise<void> {
    if (this.state === 'stopped') return;
    this.state = 'stopped';
    this.agent.destroy();
    await this.parts.shutdown();
  }
}
