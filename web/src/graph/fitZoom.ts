/**
 * The smallest zoom at which the graph can be read: state names (13 px) stay near 10 px and the
 * smallest text (an edge label, 11 px) above 8 px. Below it a fit only draws shapes.
 */
export const LEGIBLE_K = 0.75;

/** Zoom above 100 % only enlarges a drawing that already fits: a fit never goes there. */
const MAX_FIT_K = 1;

/**
 * The zoom a graph opens at and "Fit" returns to: its width fitted to the room it has, as the
 * Step Functions console's graph does, but never below {@link LEGIBLE_K}: a drawing wider than
 * that is scrolled sideways instead, and a tall one is always scrolled down (fitting its height
 * too made a 15-state workflow unreadable at 40 %).
 */
export function fitZoom(contentWidth: number, roomWidth: number): number {
  if (contentWidth <= 0 || roomWidth <= 0) return MAX_FIT_K;
  return Math.min(MAX_FIT_K, Math.max(LEGIBLE_K, roomWidth / contentWidth));
}
