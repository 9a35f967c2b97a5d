import type { GraphStructure } from './graphModel';
import type { GraphLayout } from './layoutGraph';

/** What the page asks the layout worker: a layout, or a warm-up while the page still fetches its data. */
export type LayoutRequest = { readonly kind: 'layout'; readonly requestId: number; readonly structure: GraphStructure } | { readonly kind: 'warm' };

/** What the worker answers: the layout, or why there is none. */
export type LayoutResponse =
  | { readonly kind: 'layout'; readonly requestId: number; readonly layout: GraphLayout }
  | { readonly kind: 'error'; readonly requestId: number; readonly message: string };
