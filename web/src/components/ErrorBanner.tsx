import type { ReactElement } from 'react';
import { ApiError } from '../api/ApiError';

/** An error as the user can act on it: the API's message, the fields it names. */
export function ErrorBanner(props: { readonly error: Error | undefined; readonly onRetry?: () => void }): ReactElement | null {
  const { error } = props;
  if (error === undefined) return null;
  const fields = error instanceof ApiError ? error.fields : [];
  const title = error instanceof ApiError && error.status === 403 ? 'Not allowed' : error instanceof ApiError && error.status === 404 ? 'Not found' : 'Something went wrong';
  return (
    <div className="banner banner-bad" role="alert">
      <strong>{title}</strong> {error.message}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code> {f.message}
            </li>
          ))}
        </ul>
      )}
      {props.onRetry !== undefined && retryable(error) && (
        <button type="button" className="button-link" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Whether asking again can help: not for an answer about the request itself (a 404, a 403, a 400), which stays the same. */
function retryable(error: Error): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}
