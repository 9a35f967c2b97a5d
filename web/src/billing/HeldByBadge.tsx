import type { ReactElement } from 'react';
import type { ListBillingRunsResponse } from '../../../clients/typescript/src';
import { Link } from '../app/router';

/**
 * A run that found its month held by another run ended SUCCEEDED having done nothing: this badge
 * says so and links to the run that held the month (the one that billed it).
 */
export function HeldByBadge(props: { readonly heldBy: NonNullable<ListBillingRunsResponse['items'][number]['heldBy']> }): ReactElement {
  return (
    <span className="badge badge-muted" data-testid="billing-run-held-by" title="This run did nothing: another run was billing the month">
      <span aria-hidden="true">⊘</span> held by{' '}
      <Link to={`/billing/runs/${encodeURIComponent(props.heldBy.runId)}`} className="mono">
        {props.heldBy.runId}
      </Link>
    </span>
  );
}
