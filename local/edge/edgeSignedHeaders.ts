/**
 * `x-amz-date` and an `Authorization` whose credential scope names the region and the service, as
 * an SDK v3 client signs: what the edge routes a request by. Requests built by the local cloud's
 * own services for the edge carry these (the edge checks no signature of a request handed to it
 * in-process).
 */
export function edgeSignedHeaders(signingName: string, region: string, now: Date = new Date()): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, '');
  return {
    'x-amz-date': amzDate,
    authorization: `AWS4-HMAC-SHA256 Credential=test/${amzDate.slice(0, 8)}/${region}/${signingName}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0`,
  };
}
