/** SDK client settings for the shared test cloud (set by the global setup). */
export function testClientConfig(): { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string } } {
  const endpoint = process.env.AWS_ENDPOINT_URL;
  if (endpoint === undefined) throw new Error('AWS_ENDPOINT_URL is not set: run the suite through jest (its global setup starts the local cloud)');
  return { endpoint, region: process.env.AWS_REGION ?? 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
}

/** A resource name unique to this test file and run, so suites sharing one cloud never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The time scale the shared cloud runs at. */
export function timeScale(): number {
  return Number(process.env.LOCAL_TIME_SCALE ?? '1');
}
