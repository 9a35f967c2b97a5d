import { camelKeys, isoInstant, readStreamingBodies, toStateJson } from '../../../../local/stepfunctions/integrations/jsonShape';

describe('toStateJson', () => {
  it('drops $metadata and undefined fields, and writes dates as epoch milliseconds', () => {
    // Arrange
    const output = { $metadata: { httpStatusCode: 200 }, StartDate: new Date('2026-01-02T03:04:05.678Z'), Missing: undefined, Count: 2 };

    // Act
    const json = toStateJson(output, { dates: 'epoch-millis' });

    // Assert
    expect(json).toEqual({ StartDate: 1767323045678, Count: 2 });
  });

  it('writes dates as ISO instants and binary values as base64, PascalCasing keys on request', () => {
    // Arrange
    const output = { records: [[{ blobValue: new Uint8Array([104, 105]) }]], creationDate: new Date('2026-01-02T03:04:05.000Z') };

    // Act
    const json = toStateJson(output, { dates: 'iso', pascalKeys: true });

    // Assert
    expect(json).toEqual({ Records: [[{ BlobValue: 'aGk=' }]], CreationDate: '2026-01-02T03:04:05Z' });
  });
});

describe('camelKeys', () => {
  it('rewrites every key to camelCase and leaves values alone', () => {
    // Arrange
    const parameters = { ResourceArn: 'arn', Parameters: [{ Name: 'id', Value: { StringValue: 'Abc' } }], Blob: new Uint8Array([1]) };

    // Act
    const input = camelKeys(parameters);

    // Assert
    expect(input).toEqual({ resourceArn: 'arn', parameters: [{ name: 'id', value: { stringValue: 'Abc' } }], blob: new Uint8Array([1]) });
  });
});

describe('readStreamingBodies', () => {
  it('reads a streamed body as text', async () => {
    // Arrange
    const body = { transformToString: async (encoding: string): Promise<string> => `text in ${encoding}` };

    // Act
    const output = await readStreamingBodies({ Body: body, ContentLength: 4 });

    // Assert
    expect(output).toEqual({ Body: 'text in utf-8', ContentLength: 4 });
  });
});

describe('isoInstant', () => {
  it('keeps milliseconds only when there are some', () => {
    // Act
    const texts = [isoInstant(new Date('2026-01-01T00:00:00.000Z')), isoInstant(new Date('2026-01-01T00:00:00.120Z'))];

    // Assert
    expect(texts).toEqual(['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.120Z']);
  });
});
