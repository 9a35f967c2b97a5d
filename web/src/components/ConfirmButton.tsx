import { useId, useRef, useState, type ReactElement } from 'react';
import { ErrorBanner } from './ErrorBanner';

/** Options of {@link ConfirmButton}. */
export interface ConfirmButtonProps {
  readonly label: string;
  readonly title: string;
  /** What will happen, in the confirmation dialog. */
  readonly description: string;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  readonly onConfirm: () => Promise<void>;
}

/** A button that asks first, in a modal `<dialog>` (focus trapped, Esc closes), then acts. */
export function ConfirmButton(props: ConfirmButtonProps): ReactElement {
  const dialog = useRef<HTMLDialogElement>(null);
  // Not the label: aria-labelledby takes a list of ids, so a label with spaces would name nothing.
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onConfirm();
      dialog.current?.close();
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className={props.danger === true ? 'button button-danger' : 'button button-primary'} disabled={props.disabled} onClick={() => dialog.current?.showModal()}>
        {props.label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        <p>{props.description}</p>
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={props.danger === true ? 'button button-danger' : 'button button-primary'} onClick={() => void confirm()} disabled={busy} autoFocus>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
