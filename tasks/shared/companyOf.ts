import type { Caller } from './caller';
import { ForbiddenError, ValidationError } from './errors';
import { mayAccessCompany } from './caller';

/** The company a read is about: the one asked for (403 when not granted), or the caller's only one. */
export function companyOf(caller: Caller, asked: string | undefined): string | undefined {
  if (asked !== undefined) {
    if (!mayAccessCompany(caller, asked)) throw new ForbiddenError(`CNPJ ${asked} is not granted to this caller`);
    return asked;
  }
  if (caller.grant.allCompanies === true) return undefined;
  const [only, ...others] = caller.grant.cnpjs;
  if (only === undefined) throw new ForbiddenError('This caller has no company granted');
  if (others.length > 0) throw new ValidationError('companyCnpj is required: this caller has more than one company', [{ field: 'companyCnpj', message: 'required when the caller has more than one company' }]);
  return only;
}
