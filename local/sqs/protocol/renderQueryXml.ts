import type { Output } from './queueOperations';
import { ReceiveResult } from './ReceiveResult';

/** Element names of list members, per operation where they differ. */
const LIST_MEMBERS: Readonly<Record<string, string>> = {
  QueueUrls: 'QueueUrl',
  queueUrls: 'QueueUrl',
  Failed: 'BatchResultErrorEntry',
  Results: 'ListMessageMoveTasksResultEntry',
};
const MAP_ENTRIES: Readonly<Record<string, readonly [string, string, string]>> = {
  Attributes: ['Attribute', 'Name', 'Value'],
  Tags: ['Tag', 'Key', 'Value'],
};
const NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** Escapes text for XML, including the characters SQS bodies may carry (`\r`). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : c === "'" ? '&apos;' : '&#xD;'));
}

/** The query protocol's `<OpResponse><OpResult>…</OpResult><ResponseMetadata/></OpResponse>`. */
export function renderQueryXml(action: string, result: Output | ReceiveResult, requestId: string): string {
  const inner = result instanceof ReceiveResult ? renderReceive(result) : renderMembers(action, result);
  return `<?xml version="1.0"?><${action}Response xmlns="${NAMESPACE}"><${action}Result>${inner}</${action}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
}

/** The query protocol's error document. */
export function renderQueryError(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return `<?xml version="1.0"?><ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message><Detail/></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

function renderMembers(action: string, value: Readonly<Record<string, unknown>>): string {
  let xml = '';
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const entries = MAP_ENTRIES[key];
    if (entries !== undefined && typeof member === 'object' && member !== null && !Array.isArray(member)) {
      const [element, k, v] = entries;
      for (const [name, text] of Object.entries(member)) xml += `<${element}><${k}>${xmlEscape(name)}</${k}><${v}>${xmlEscape(String(text))}</${v}></${element}>`;
    } else if (Array.isArray(member)) {
      const element = key === 'Successful' ? `${action}ResultEntry` : (LIST_MEMBERS[key] ?? key);
      for (const item of member) {
        xml += typeof item === 'object' && item !== null ? `<${element}>${renderMembers(action, item as Record<string, unknown>)}</${element}>` : `<${element}>${xmlEscape(String(item))}</${element}>`;
      }
    } else xml += `<${key}>${xmlEscape(String(member))}</${key}>`;
  }
  return xml;
}

function renderReceive(result: ReceiveResult): string {
  let xml = '';
  for (const entry of result.messages) {
    const m = entry.message;
    xml += `<Message><MessageId>${m.id}</MessageId><ReceiptHandle>${entry.receiptHandle}</ReceiptHandle><MD5OfBody>${m.md5OfBody}</MD5OfBody><Body>${xmlEscape(m.body)}</Body>`;
    for (const [name, value] of Object.entries(entry.attributes ?? {})) xml += `<Attribute><Name>${name}</Name><Value>${xmlEscape(value)}</Value></Attribute>`;
    if (entry.messageAttributes !== undefined) {
      xml += `<MD5OfMessageAttributes>${entry.md5OfMessageAttributes ?? ''}</MD5OfMessageAttributes>`;
      for (const [name, value] of Object.entries(entry.messageAttributes)) {
        const v = value.BinaryValue !== undefined && value.StringValue === undefined ? `<BinaryValue>${value.BinaryValue}</BinaryValue>` : `<StringValue>${xmlEscape(value.StringValue ?? '')}</StringValue>`;
        xml += `<MessageAttribute><Name>${xmlEscape(name)}</Name><Value>${v}<DataType>${xmlEscape(value.DataType)}</DataType></Value></MessageAttribute>`;
      }
    }
    xml += '</Message>';
  }
  return xml;
}
