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
      {props.onRetry !== undefined && (
        <button type="button" className="button-link" onClick={props.onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
