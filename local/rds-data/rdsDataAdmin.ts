import { LOCAL_REGION } from '../edge/LocalContext';

/** What every admin path of the local Data API answers. */
export interface RdsDataKnobState {
  readonly backend: 'pglite' | 'postgres';
  readonly cluster: 'available' | 'paused' | 'resuming';
  readonly outage: boolean;
  readonly openTransactions: number;
}

/**
 * The local Data API's knobs, over HTTP (usable from any process that knows the edge). Each
 * applies to the cluster ARN given to {@link rdsDataAdmin}, or to every cluster without one.
 */
export interface RdsDataAdmin {
  /** Pauses the cluster: the next call (and every call for `resumeSeconds` more) answers DatabaseResumingException. */
  pause(resumeSeconds?: number): Promise<RdsDataKnobState>;
  /** Every Data API call answers 503 ServiceUnavailableError for `seconds` AWS seconds (0 ends it). */
  outage(seconds: number): Promise<RdsDataKnobState>;
  /** Ends any pause and outage. */
  resume(): Promise<RdsDataKnobState>;
  state(): Promise<RdsDataKnobState>;
}

/**
 * The edge routes unsigned requests to S3; a SigV4 credential scope naming `rds-data` sends them to
 * the Data API. The edge does not check signatures, so a scope is all it takes.
 */
const ROUTE_TO_RDS_DATA = `AWS4-HMAC-SHA256 Credential=local/20260101/${LOCAL_REGION}/rds-data/aws4_request, SignedHeaders=host, Signature=0`;

/** A client for the knobs of the local Data API behind `endpoint` (the edge's URL), for one cluster or all. */
export function rdsDataAdmin(endpoint: string, resourceArn?: string): RdsDataAdmin {
  const call = async (method: 'GET' | 'POST', action: string, body: Record<string, unknown> = {}): Promise<RdsDataKnobState> => {
    const query = method === 'GET' && resourceArn !== undefined ? `?resourceArn=${encodeURIComponent(resourceArn)}` : '';
    const response = await fetch(`${endpoint}/_local/rds-data/${action}${query}`, {
      method,
      headers: { authorization: ROUTE_TO_RDS_DATA, 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : JSON.stringify(resourceArn === undefined ? body : { ...body, resourceArn }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`local Data API admin ${action} failed (${response.status}): ${text}`);
    return JSON.parse(text) as RdsDataKnobState;
  };
  return {
    pause: (resumeSeconds) => call('POST', 'pause', resumeSeconds === undefined ? {} : { resumeSeconds }),
    outage: (seconds) => call('POST', 'outage', { seconds }),
    resume: () => call('POST', 'resume'),
    state: () => call('GET', 'state'),
  };
}
