import type { EdgeRequest, EdgeResponse, ServiceName } from './EdgeRequest';

export type ServiceState = 'starting' | 'running' | 'stopped' | 'failed';

/** What `GET /health` says of one service. */
export interface ServiceHealth {
  readonly state: ServiceState;
  readonly detail?: string;
}

/** A service behind the edge (SQS, Step Functions, DynamoDB, ...). */
export interface LocalService {
  readonly name: ServiceName;
  /** Answers one request. Must not throw for bad input: answer with the service's AWS error shape. */
  handle(request: EdgeRequest): Promise<EdgeResponse>;
  health(): ServiceHealth;
  /** Stops timers and servers and flushes anything persisted to the data directory. */
  stop(): Promise<void>;
}
