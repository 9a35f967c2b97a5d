import { useState } from 'react';

/** The rows a table's checkboxes picked: which are picked, one toggled, all let go (after the action on them). */
export interface Selection {
  readonly selected: ReadonlySet<string>;
  readonly toggle: (key: string) => void;
  readonly clear: () => void;
}

/** A set of picked row keys for a table with checkboxes. */
export function useSelection(): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string): void => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setSelected(next);
  };
  return { selected, toggle, clear: () => setSelected(new Set()) };
}
