import { useEffect, useState, type ReactElement } from 'react';
import { consoleConfig } from '../api/apiClient';
import { navigate } from '../app/router';
import { ErrorBanner } from '../components/ErrorBanner';

/** `/callback`: Cognito's Hosted UI comes back here with the authorization code. */
export function CallbackPage(): ReactElement {
  const [error, setError] = useState<Error | undefined>(undefined);
  useEffect(() => {
    const { auth } = consoleConfig();
    if (auth.kind !== 'cognito') return;
    import('../auth/cognitoSignIn')
      .then(({ completeCognitoSignIn }) => completeCognitoSignIn(auth))
      .then((to) => navigate(to, { replace: true }))
      .catch((caught: unknown) => setError(caught instanceof Error ? caught : new Error(String(caught))));
  }, []);
  return (
    <main className="signin" id="main">
      <h1>Signing in…</h1>
      <ErrorBanner error={error} />
    </main>
  );
}
