import { useState, type ReactElement } from 'react';
import { prettyJson } from './formatTimes';

export interface JsonBlockProps {
  /** Names the block for screen readers ("Input", "Output"...). */
  readonly label: string;
  /** JSON text (pretty-printed) or any text (shown as it is). */
  readonly text: string;
}

/** A payload, pretty-printed in a scrollable (and keyboard-scrollable) block, with a copy button. */
export function JsonBlock({ label, text }: JsonBlockProps): ReactElement {
  const [copied, setCopied] = useState(false);
  const pretty = prettyJson(text);
  const copy = (): void => {
    navigator.clipboard.writeText(pretty).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => setCopied(false),
    );
  };
  return (
    <div className="json-block">
      <button type="button" className="json-copy" onClick={copy} aria-label={`Copy ${label}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      <pre className="json-pre" tabIndex={0} aria-label={label}>
        {pretty}
      </pre>
    </div>
  );
}
