import type { VerificationUrlField } from '../../contracts/municipality';

/**
 * The city's verification URL of one NFS-e: each `{field}` of `template` replaced by its value,
 * URL-encoded. Undefined when the template names a value this NFS-e lacks (a link to the wrong
 * page is worse than none).
 */
export function verificationUrlOf(template: string, values: Readonly<Partial<Record<VerificationUrlField, string>>>): string | undefined {
  let missing = false;
  const url = template.replace(/\{([^}]*)\}/g, (_placeholder, name: string) => {
    const value = values[name as VerificationUrlField];
    if (value === undefined || value === '') {
      missing = true;
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing ? undefined : url;
}
