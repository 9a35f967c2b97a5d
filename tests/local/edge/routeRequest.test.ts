import { routeRequest } from '../../../local/edge/routeRequest';

const url = (path: string): URL => new URL(path, 'http://edge.local');

describe('routeRequest', () => {
  it('routes by X-Amz-Target and names the operation', () => {
    expect(routeRequest('POST', url('/'), { 'x-amz-target': 'AWSStepFunctions.StartExecution' })).toEqual({
      service: 'states', requested: 'states', target: 'StartExecution', region: undefined,
    });
  });

  it('routes by the SigV4 credential scope and takes its region', () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=test/20261123/sa-east-1/rds-data/aws4_request, SignedHeaders=host, Signature=abc';
    expect(routeRequest('POST', url('/Execute'), { authorization })).toEqual({ service: 'rds-data', requested: 'rds-data', region: 'sa-east-1' });
  });

  it('routes a presigned URL by its X-Amz-Credential', () => {
    const route = routeRequest('GET', url('/bucket/key?X-Amz-Credential=test%2F20261123%2Fus-east-1%2Fs3%2Faws4_request'), {});
    expect(route).toEqual({ service: 's3', requested: 's3', region: 'us-east-1' });
  });

  it('names an unknown target prefix without routing it', () => {
    expect(routeRequest('POST', url('/'), { 'x-amz-target': 'Kinesis_20131202.PutRecord' })).toEqual({
      service: undefined, requested: 'Kinesis_20131202', target: 'PutRecord', region: undefined,
    });
  });

  it('routes unsigned queue URLs to SQS', () => {
    expect(routeRequest('POST', url('/000000000000/orders'), {}).service).toBe('sqs');
  });
});
