import { readyBanner } from '../../../local/app/readyBanner';

const FACTS = {
  seconds: 5.14,
  dataDir: undefined,
  timeScale: 1,
  edge: 'http://127.0.0.1:4566',
  services: ['sqs', 'states'],
  api: 'http://127.0.0.1:3000',
  console: 'http://127.0.0.1:3001',
  mockUrl: 'http://127.0.0.1:4580/nfse',
  validation: true,
  adapters: 2,
  apiKey: 'nfse-local-k',
  token: 'eyJ.t.s',
};

describe('readyBanner', () => {
  const lines = readyBanner(FACTS).split('\n');

  it('gives the AWS settings both AWS CLI versions read (v1 only AWS_DEFAULT_REGION)', () => {
    expect(lines).toContain('AWS SDK / CLI: export AWS_ENDPOINT_URL=http://127.0.0.1:4566 AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test NFSE_ADAPTER_AUTOSCALING=off');
  });

  it('exports what the nfse command reads, the mock city included, and says how to make things fail', () => {
    expect(lines).toContain('  export NFSE_API_URL=http://127.0.0.1:3000 NFSE_API_KEY=nfse-local-k NFSE_MOCK_URL=http://127.0.0.1:4580');
    expect(lines).toContain('  export NFSE_TOKEN=eyJ.t.s');
    expect(lines).toContain('Make it fail: npm run nfse -- mock fail rejection | mock fail transient5xx --count 2 | mock outage 5m    (README: "Try the failure paths")');
    expect(lines).toContain('Other tokens: eval "$(npm run -s nfse -- token --cnpj <CNPJ> --role ops)"    (each one a principal of its own, kept across restarts)');
  });

  it("says an adapter's first call to a city is slower", () => {
    expect(lines).toContain("then follow it: npm run nfse -- get <invoiceId> --wait    (an adapter's first call to a city takes ~2 s: it builds that city's SOAP client from its WSDL)");
  });
});
