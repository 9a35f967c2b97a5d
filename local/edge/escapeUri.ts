/** A URI label or query value encoded as the SDK encodes it (`@smithy/util-uri-escape`: RFC 3986, `!'()*` too). */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
