import type { Input } from './readInput';

/** Flattened list prefixes of the query protocol and the JSON member they become. */
const LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
};

/** Flattened maps: prefix → [JSON member, key field, value field]. */
const MAPS: Readonly<Record<string, readonly [string, string, string]>> = {
  Attribute: ['Attributes', 'Name', 'Value'],
  Tag: ['Tags', 'Key', 'Value'],
  MessageAttribute: ['MessageAttributes', 'Name', 'Value'],
  MessageSystemAttribute: ['MessageSystemAttributes', 'Name', 'Value'],
};

const ENTRY_LIST = /^(SendMessageBatchRequestEntry|DeleteMessageBatchRequestEntry|ChangeMessageVisibilityBatchRequestEntry)$/;

/**
 * Turns query-protocol parameters (`Attribute.1.Name=...`, `SendMessageBatchRequestEntry.2.Id=...`)
 * into the JSON protocol's input shape, so one set of operations serves both.
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
 */
export function decodeQueryParameters(params: ReadonlyMap<string, string>): Input {
  const tree = new Map<string, unknown>();
  for (const [key, value] of params) setPath(tree, key.split('.'), value);
  return convert(tree);
}

type Tree = Map<string, unknown>;

function setPath(tree: Tree, parts: string[], value: string): void {
  const [head, ...rest] = parts;
  if (head === undefined) return;
  if (rest.length === 0) {
    tree.set(head, value);
    return;
  }
  let child = tree.get(head);
  if (!(child instanceof Map)) {
    child = new Map<string, unknown>();
    tree.set(head, child);
  }
  setPath(child as Tree, rest, value);
}

/** The numbered members of a flattened list, in index order. */
function numbered(tree: Tree): unknown[] {
  return [...tree.entries()].filter(([k]) => /^\d+$/.test(k)).sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
}

function convert(tree: Tree): Input {
  const out: Record<string, unknown> = {};
  for (const [key, value] of tree) {
    if (!(value instanceof Map)) {
      out[key] = value;
      continue;
    }
    const list = LISTS[key];
    const map = MAPS[key];
    if (list !== undefined) out[list] = numbered(value as Tree);
    else if (map !== undefined) {
      const [member, keyField, valueField] = map;
      const result: Record<string, unknown> = {};
      for (const item of numbered(value as Tree)) {
        if (!(item instanceof Map)) continue;
        const name = item.get(keyField);
        const v = item.get(valueField);
        if (typeof name === 'string') result[name] = v instanceof Map ? convert(v as Tree) : v;
      }
      out[member] = result;
    } else if (ENTRY_LIST.test(key)) {
      out.Entries = numbered(value as Tree).map((item) => (item instanceof Map ? convert(item as Tree) : {}));
    } else out[key] = convert(value as Tree);
  }
  return out;
}
