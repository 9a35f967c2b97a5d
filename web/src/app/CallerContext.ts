import { createContext, useContext } from 'react';
import type { CallerView } from '../../../contracts/tenantGrant';

/** The signed-in caller as the API sees them (`GET /me`): role and companies. */
export const CallerContext = createContext<CallerView | undefined>(undefined);

/** The caller; only rendered inside a signed-in layout. */
export function useCaller(): CallerView {
  const caller = useContext(CallerContext);
  if (caller === undefined) throw new Error('useCaller outside a signed-in page');
  return caller;
}
