import type { ReactElement } from 'react';

/**
 * Forward pagination over the API's `nextToken`: the tokens of the pages seen are kept so
 * "Previous" goes back without the API having to page backwards.
 */
export function Pager(props: { readonly page: number; readonly hasNext: boolean; readonly onPrevious: () => void; readonly onNext: () => void }): ReactElement {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button" onClick={props.onPrevious} disabled={props.page === 0}>
        ← Previous
      </button>
      <span>Page {props.page + 1}</span>
      <button type="button" className="button" onClick={props.onNext} disabled={!props.hasNext}>
        Next →
      </button>
    </nav>
  );
}
