/** An answer of the API that was not 2xx, with the contract's error body when there was one. */
export class ApiError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly fields: ReadonlyArray<{ readonly field: string; readonly message: string }> = [],
    /** The execution a 409 is about (the contract's `executionArn`), when the body names one. */
    public readonly executionArn?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
