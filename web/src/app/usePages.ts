import { useState } from 'react';

/** The `nextToken`s of pages visited, so a list can go forward and back. */
export function usePages(resetKey: string): { readonly page: number; readonly token: string | undefined; readonly next: (token: string) => void; readonly previous: () => void } {
  const [state, setState] = useState<{ key: string; tokens: Array<string | undefined> }>({ key: resetKey, tokens: [undefined] });
  const tokens = state.key === resetKey ? state.tokens : [undefined];
  return {
    page: tokens.length - 1,
    token: tokens.at(-1),
    next: (token) => setState({ key: resetKey, tokens: [...tokens, token] }),
    previous: () => setState({ key: resetKey, tokens: tokens.length > 1 ? tokens.slice(0, -1) : tokens }),
  };
}
