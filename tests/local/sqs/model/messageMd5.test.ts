import { md5OfBody, md5OfMessageAttributes } from '../../../../local/sqs/model/messageMd5';

describe('messageMd5', () => {
  it('hashes a body as its UTF-8 bytes', () => {
    expect(md5OfBody('derp')).toBe('58fd9edd83341c29f1aebba81c31e257');
  });

  it('hashes attributes the way AWS answers them', () => {
    // Digests AWS answers for these attributes, as pinned by moto's SQS suite.
    expect(md5OfMessageAttributes({ timestamp: { DataType: 'Number', StringValue: '1493147359900' } })).toBe('235c5c510d26fb653d073faed50ae77c');
    expect(md5OfMessageAttributes({ timestamp: { DataType: 'Number', StringValue: '1493147359901' } })).toBe('994258b45346a2cc3f9cbb611aa7af30');
    expect(md5OfMessageAttributes({ 'SOME_Valid.attribute-Name': { DataType: 'Number', StringValue: '1493147359900' } })).toBe('36655e7e9d7c0e8479fa3f3f42247ae7');
  });

  it('hashes attributes in order of name whatever order they come in', () => {
    const a = { DataType: 'String', StringValue: '1' };
    const b = { DataType: 'Binary', BinaryValue: Buffer.from([2, 3]).toString('base64') };

    expect(md5OfMessageAttributes({ a, b })).toBe(md5OfMessageAttributes({ b, a }));
    expect(md5OfMessageAttributes({ a, b })).not.toBe(md5OfMessageAttributes({ a }));
  });
});
