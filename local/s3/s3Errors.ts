import type { EdgeResponse } from '../edge/EdgeRequest';

/**
 * An S3 REST error: `<Error><Code/><Message/></Error>` XML with the status S3 uses.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
 */
export function s3Error(status: number, code: string, message: string): EdgeResponse {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>local</RequestId></Error>`;
  return { status, headers: { 'content-type': 'application/xml' }, body };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
