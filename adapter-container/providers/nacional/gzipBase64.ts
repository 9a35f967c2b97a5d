import { gunzipSync, gzipSync } from 'node:zlib';

/** A document as the national API carries it: UTF-8, gzip, base64 (`dpsXmlGZipB64`, `nfseXmlGZipB64`...). */
export function toGzipBase64(xml: string): string {
  return gzipSync(Buffer.from(xml, 'utf8')).toString('base64');
}

/** The document inside a `...XmlGZipB64` field; throws when it is not gzip in base64. */
export function fromGzipBase64(encoded: string): string {
  return gunzipSync(Buffer.from(encoded, 'base64')).toString('utf8');
}
