import type { ReactElement } from 'react';
import { settle, typedApi } from '../api/typedClient';
import { navigate } from '../app/router';
import { ConfirmButton } from '../components/ConfirmButton';

/** Options of {@link ReprocessCompaniesButton}. */
export interface ReprocessCompaniesButtonProps {
  readonly competencia: string;
  /** The usage platform's ids of the companies to bill again. */
  readonly empresaIds: readonly string[];
  readonly label: string;
  /** The button's accessible name when the label alone does not say which company. @default label */
  readonly ariaLabel?: string;
  /** Off while a run of the month is running (the API would answer 409). @default false */
  readonly disabled?: boolean;
  /** A plain row button rather than a primary one. @default false */
  readonly quiet?: boolean;
}

/**
 * Reprocesses failed companies of a month: a new run for those companies only, the same
 * `POST /billing/runs {competencia, empresaIds}` as `nfse billing run --empresa`, then its page.
 */
export function ReprocessCompaniesButton(props: ReprocessCompaniesButtonProps): ReactElement {
  const count = props.empresaIds.length;
  const which = count === 1 ? `company ${props.empresaIds[0] ?? ''}` : `${count} companies (${props.empresaIds.join(', ')})`;
  return (
    <ConfirmButton
      label={props.label}
      ariaLabel={props.ariaLabel}
      title={`Reprocess ${which} for ${props.competencia}?`}
      description={`A new billing run of ${props.competencia} starts for ${which} only: ${count === 1 ? 'its usage is' : 'each one’s usage is'} consolidated again, its ERP contract found or created once, and its invoice emitted. A company already invoiced for the month is never invoiced twice: its contract and invoice are found, not made again.`}
      confirmLabel="Start the run"
      disabled={props.disabled === true || count === 0}
      quiet={props.quiet}
      onConfirm={async () => {
        const started = await settle(typedApi().POST('/billing/runs', { body: { competencia: props.competencia, empresaIds: [...props.empresaIds] } }));
        navigate(`/billing/runs/${encodeURIComponent(started.runId)}`);
      }}
    />
  );
}
