import { logger } from '../../../tasks/shared/logger';
import { fullRequest, KEPT, leakedSecrets } from '../../lib/logging/fullRequest';

describe('the handlers\' logger', () => {
  let written: string[];
  let spies: jest.SpyInstance[];

  beforeEach(() => {
    written = [];
    // Powertools writes through its own Console: info on process.stdout, errors on process.stderr.
    const keep = (chunk: string | Uint8Array): boolean => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
    spies = [jest.spyOn(process.stdout, 'write').mockImplementation(keep), jest.spyOn(process.stderr, 'write').mockImplementation(keep)];
  });

  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });

  it('writes a full request without its personal data, tokens, headers or key material', () => {
    logger.info('a full request', { request: fullRequest });
    logger.error('an error quoting a token and a key', { error: new Error(fullRequest.note) });

    const text = written.join('');
    expect(written).toHaveLength(2);
    expect(leakedSecrets(text)).toEqual([]);
    for (const kept of Object.values(KEPT)) expect(text).toContain(kept);
  });

  it('keeps the line\'s own fields', () => {
    logger.info('request refused', { statusCode: 400, path: '/invoices' });

    expect(JSON.parse(written.join(''))).toMatchObject({ level: 'INFO', message: 'request refused', statusCode: 400, path: '/invoices' });
  });
});
