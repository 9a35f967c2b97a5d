import type { BillingPlaceholderName, OrderPlaceholderName, OutboxPlaceholderName, PlaceholderName, WebhookPlaceholderName } from '../../contracts/wiring';

/** `${InvoicesTable}`: resolved by CDK `definitionSubstitutions` in AWS and by the local cloud locally. */
export function placeholder<const Name extends PlaceholderName | BillingPlaceholderName | WebhookPlaceholderName | OutboxPlaceholderName | OrderPlaceholderName>(name: Name): `\${${Name}}` {
  return `\${${name}}`;
}

/** Replaces every `${Name}` in a rendered definition; names any placeholder left without a value. */
export function substitutePlaceholders(definition: string, values: Readonly<Record<string, string>>): string {
  const missing = new Set<string>();
  const result = definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return whole;
    }
    // The value lands inside a JSON string: escape it as JSON would.
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size > 0) throw new Error(`no value for placeholder(s): ${[...missing].join(', ')}`);
  return result;
}
