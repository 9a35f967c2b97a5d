import { useEffect, useState, type ReactElement } from 'react';

/** Copies a text to the clipboard, saying so for a moment ("Copied") or when the browser refused. */
export function CopyButton(props: { readonly text: string; readonly label: string; readonly className?: string }): ReactElement {
  const [state, setState] = useState<'idle' | 'copied' | 'refused'>('idle');
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = (): void => {
    navigator.clipboard.writeText(props.text).then(
      () => setState('copied'),
      () => setState('refused'),
    );
  };
  return (
    <button type="button" className={props.className ?? 'button'} onClick={copy} aria-live="polite">
      {state === 'copied' ? 'Copied' : state === 'refused' ? 'Copy refused by the browser' : props.label}
    </button>
  );
}
