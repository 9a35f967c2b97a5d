/**
 * A receipt handle: which message of which queue, and which receive of it. Opaque to callers
 * (base64), and self-contained so handles stay valid across a restart with a data directory.
 */
export class ReceiptHandle {
  public constructor(
    public readonly queueName: string,
    public readonly messageId: string,
    public readonly nonce: number,
  ) {}

  public encode(): string {
    return Buffer.from(`${this.queueName}\u0001${this.messageId}\u0001${this.nonce}`, 'utf8').toString('base64');
  }

  /** The handle, or undefined when the text is not one of ours. */
  public static decode(text: string): ReceiptHandle | undefined {
    if (text.length === 0 || text.length > 1024) return undefined;
    const parts = Buffer.from(text, 'base64').toString('utf8').split('\u0001');
    if (parts.length !== 3) return undefined;
    const [queueName, messageId, nonceText] = parts as [string, string, string];
    const nonce = Number(nonceText);
    if (queueName === '' || messageId === '' || !Number.isSafeInteger(nonce) || nonce < 1) return undefined;
    return new ReceiptHandle(queueName, messageId, nonce);
  }
}
