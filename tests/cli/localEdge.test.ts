import { edgeEndpoint, localEdgeEndpoint } from '../../cli/localEdge';

describe('localEdgeEndpoint', () => {
  it('is the local cloud when nothing names an AWS and the API is the local one', () => {
    expect(localEdgeEndpoint({})).toBe('http://127.0.0.1:4566');
    expect(localEdgeEndpoint({ NFSE_API_URL: 'http://localhost:3000', LOCAL_EDGE_PORT: '4567' })).toBe('http://127.0.0.1:4567');
  });

  it('leaves the SDK its own environment when it names an endpoint, credentials, a profile or a remote API', () => {
    expect(localEdgeEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' })).toBeUndefined();
    expect(localEdgeEndpoint({ AWS_ACCESS_KEY_ID: 'AKIA' })).toBeUndefined();
    expect(localEdgeEndpoint({ AWS_PROFILE: 'prod' })).toBeUndefined();
    expect(localEdgeEndpoint({ NFSE_API_URL: 'https://api.nfse.example.com' })).toBeUndefined();
  });
});

describe('edgeEndpoint', () => {
  it('is AWS_ENDPOINT_URL, else the local default', () => {
    expect(edgeEndpoint({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9999' })).toBe('http://127.0.0.1:9999');
    expect(edgeEndpoint({})).toBe('http://127.0.0.1:4566');
  });
});
