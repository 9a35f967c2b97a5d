import { useState, type FormEvent, type ReactElement } from 'react';
import type { Role } from '../../../contracts/tenantGrant';
import { consoleConfig } from '../api/apiClient';
import { devSignIn } from '../auth/devSignIn';
import { formatCnpj } from '../app/format';
import { ErrorBanner } from '../components/ErrorBanner';

/** Sign-in: locally a tenant and a role from the local issuer; in AWS the Cognito Hosted UI. */
export function SignInPage(): ReactElement {
  const { auth, stage } = consoleConfig();
  const [error, setError] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [tenantIndex, setTenantIndex] = useState(0);
  const [role, setRole] = useState<Role>('viewer');

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
      setBusy(false);
    }
  };

  if (auth.kind === 'cognito') {
    return (
      <main className="signin" id="main">
        <h1>nfse-flow console</h1>
        <p>Sign in with your company account ({stage}).</p>
        <ErrorBanner error={error} />
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(async () => (await import('../auth/cognitoSignIn')).startCognitoSignIn(auth))}>
          Sign in
        </button>
      </main>
    );
  }

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const tenant = auth.tenants[tenantIndex];
    if (tenant !== undefined) void run(() => devSignIn(auth.tokenUrl, tenant, role));
  };
  return (
    <main className="signin" id="main">
      <h1>nfse-flow console</h1>
      <p className="muted">Local development sign-in: the local issuer signs a token for the tenant and role you pick.</p>
      <form onSubmit={submit} className="card form">
        <label htmlFor="tenant">Tenant</label>
        <select id="tenant" value={tenantIndex} onChange={(e) => setTenantIndex(Number(e.target.value))}>
          {auth.tenants.map((tenant, i) => (
            <option key={tenant.name} value={i}>
              {tenant.name} ({tenant.cnpjs.map(formatCnpj).join(', ')})
            </option>
          ))}
        </select>
        <fieldset>
          <legend>Role</legend>
          <label className="radio">
            <input type="radio" name="role" value="viewer" checked={role === 'viewer'} onChange={() => setRole('viewer')} /> Viewer — reads invoices and executions
          </label>
          <label className="radio">
            <input type="radio" name="role" value="admin" checked={role === 'admin'} onChange={() => setRole('admin')} /> Admin — also edits its companies and uploads their certificates
          </label>
          <label className="radio">
            <input type="radio" name="role" value="ops" checked={role === 'ops'} onChange={() => setRole('ops')} /> Ops — every company; also redrives, stops and reprocesses
          </label>
        </fieldset>
        <ErrorBanner error={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
