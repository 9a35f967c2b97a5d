import { useId, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { ErrorBanner } from './ErrorBanner';

/** Options of {@link ConfirmButton}. */
export interface ConfirmButtonProps {
  readonly label: string;
  /** The button's accessible name, when its label alone does not say what it acts on. @default label */
  readonly ariaLabel?: string;
  readonly title: string;
  /** What will happen, in the confirmation dialog. */
  readonly description: ReactNode;
  /** A form to fill in before confirming (a reason, the fields to change). */
  readonly children?: ReactNode;
  readonly confirmLabel: string;
  readonly danger?: boolean;
  readonly disabled?: boolean;
  /** The confirm button is off until the form is complete. @default false */
  readonly confirmDisabled?: boolean;
  /** Told when the dialog opens (to load what its form shows). */
  readonly onOpen?: () => void;
  readonly onConfirm: () => Promise<void>;
  /** A plain button rather than a primary or danger one (row actions). @default false */
  readonly quiet?: boolean;
}

/** A button that asks first, in a modal `<dialog>` (focus trapped, Esc closes), then acts. */
export function ConfirmButton(props: ConfirmButtonProps): ReactElement {
  const dialog = useRef<HTMLDialogElement>(null);
  // Not the label: aria-labelledby takes a list of ids, so a label with spaces would name nothing.
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const tone = props.danger === true ? 'button button-danger' : 'button button-primary';
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
  const open = (): void => {
    setError(undefined);
    props.onOpen?.();
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className={props.quiet === true ? 'button' : tone} disabled={props.disabled} onClick={open} aria-label={props.ariaLabel}>
        {props.label}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId}>{props.title}</h2>
        <p>{props.description}</p>
        {props.children}
        <ErrorBanner error={error} />
        <div className="dialog-actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={tone} onClick={() => void confirm()} disabled={busy || props.confirmDisabled === true} autoFocus={props.children === undefined}>
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
