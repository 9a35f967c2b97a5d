import { useSyncExternalStore } from 'react';
import type { Role } from '../../../contracts/tenantGrant';

/** Who is signed in. Kept in memory only: a reload signs out, nothing lingers in storage. */
export interface Session {
  readonly token: string;
  readonly principal: string;
  readonly role: Role;
  readonly cnpjs: readonly string[];
  readonly expiresAt: number;
  /** Ends the identity provider's session too (Cognito's logout endpoint). */
  readonly signOutUrl?: string;
}

let session: Session | undefined;
const listeners = new Set<() => void>();
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function emit(): void {
  for (const listener of listeners) listener();
}

/** Starts a session; it ends by itself when the token expires. */
export function signIn(value: Session): void {
  session = value;
  clearTimeout(expiryTimer);
  expiryTimer = setTimeout(signOut, Math.max(0, Math.min(value.expiresAt - Date.now(), 2 ** 31 - 1)));
  emit();
}

/** Forgets the token. */
export function signOut(): void {
  if (session === undefined) return;
  session = undefined;
  clearTimeout(expiryTimer);
  emit();
}

/** The session now, outside React. */
export function currentSession(): Session | undefined {
  return session;
}

/** The session, re-rendering on sign-in and sign-out. */
export function useSession(): Session | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => session,
  );
}
