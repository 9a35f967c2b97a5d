import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent, type RefObject } from 'react';
import { fitZoom } from './fitZoom';
import type { Box } from './layoutGraph';

/** Zoom, and where the drawing sits in the scrolled canvas. */
export interface Viewport {
  readonly k: number;
  /** Size of the scrolled canvas (at least the viewport's). */
  readonly width: number;
  readonly height: number;
  /** Offset of the drawing in the canvas (it is centred when smaller than the viewport). */
  readonly x: number;
  readonly y: number;
  /** The padded drawing's height at this zoom: how tall the canvas would need to be to show it all. */
  readonly drawingHeight: number;
}

/** What the canvas holds: the drawing's size, and the point of it a fit keeps in the middle when it is wider. */
export interface FitContent {
  readonly width: number;
  readonly height: number;
  /** @default the drawing's middle */
  readonly anchorX?: number;
}

export interface PanZoom {
  readonly view: Viewport;
  zoomBy(factor: number): void;
  /**
   * Fits the drawing's width, never below the legible zoom ({@link fitZoom}): top-aligned,
   * horizontally centred on the content's `anchorX` (the Start marker) when it is wider.
   */
  fit(): void;
  /** Back to 100 %. */
  reset(): void;
  /** Scrolls the least needed to show a box (a node that got keyboard focus). */
  reveal(box: Box): void;
  /** Whether the pointer moved since it went down (a drag, not a click). */
  wasDrag(): boolean;
  readonly pointerHandlers: {
    onPointerDown(event: PointerEvent<HTMLElement>): void;
    onPointerMove(event: PointerEvent<HTMLElement>): void;
    onPointerUp(event: PointerEvent<HTMLElement>): void;
    onPointerCancel(event: PointerEvent<HTMLElement>): void;
  };
}

const MIN_K = 0.05;
const MAX_K = 2.5;
const PAD = 24;
const DRAG_THRESHOLD = 4;

/**
 * The canvas is a native scroll container holding the drawing at the zoomed size: wheel,
 * touch, scrollbars, arrow keys and focus (a Tab to a node, a test's click) all scroll it as
 * any page does, and hand over to the page at the edges. On top: a mouse drag pans, Ctrl/⌘ +
 * wheel (a trackpad pinch) zooms at the pointer, two fingers pinch-zoom.
 */
export function usePanZoom(viewportRef: RefObject<HTMLElement | null>, content: FitContent | undefined): PanZoom {
  const [k, setK] = useState(1);
  const [room, setRoom] = useState({ w: 0, h: 0 });
  const kRef = useRef(k);
  /** The content point to keep under a viewport point across a zoom (applied once the canvas has its new size). */
  const anchor = useRef<{ cx: number; cy: number; px: number; py: number } | undefined>(undefined);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const moved = useRef(0);
  const pinch = useRef<number | undefined>(undefined);

  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (element === null) return undefined;
    const measure = (): void => setRoom((r) => (r.w === element.clientWidth && r.h === element.clientHeight ? r : { w: element.clientWidth, h: element.clientHeight }));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewportRef]);

  const view = layoutView(content, k, room.w, room.h);
  const viewRef = useRef(view);
  viewRef.current = view;

  // After a zoom re-sized the canvas: scroll so the anchored point is back under the pointer.
  useLayoutEffect(() => {
    const element = viewportRef.current;
    const a = anchor.current;
    if (element === null || a === undefined) return;
    anchor.current = undefined;
    element.scrollLeft = view.x + a.px * view.k - a.cx;
    element.scrollTop = view.y + a.py * view.k - a.cy;
  }, [view, viewportRef]);

  const zoomAt = useCallback(
    (nextK: number, cx: number, cy: number): boolean => {
      const element = viewportRef.current;
      const current = viewRef.current;
      const clamped = Math.min(MAX_K, Math.max(MIN_K, nextK));
      if (element === null || clamped === current.k) return false;
      anchor.current = { cx, cy, px: (element.scrollLeft + cx - current.x) / current.k, py: (element.scrollTop + cy - current.y) / current.k };
      kRef.current = clamped;
      setK(clamped);
      return true;
    },
    [viewportRef],
  );

  const fit = useCallback(
    (): void => {
      const element = viewportRef.current;
      if (content === undefined || element === null || element.clientWidth === 0) return;
      const next = fitZoom(content.width, element.clientWidth - 2 * PAD);
      // The top of the drawing (at `anchorX`, else its middle) under the top centre of the viewport.
      anchor.current = { cx: element.clientWidth / 2, cy: PAD, px: content.anchorX ?? content.width / 2, py: 0 };
      kRef.current = next;
      setK(next);
      if (next === viewRef.current.k) {
        const a = anchor.current;
        anchor.current = undefined;
        element.scrollLeft = viewRef.current.x + a.px * next - a.cx;
        element.scrollTop = 0;
      }
    },
    [content, viewportRef],
  );

  useEffect(() => {
    const element = viewportRef.current;
    if (element === null) return undefined;
    const onWheel = (event: WheelEvent): void => {
      if (!event.ctrlKey && !event.metaKey) return;
      const rect = element.getBoundingClientRect();
      if (zoomAt(kRef.current * Math.exp(-event.deltaY * 0.0025), event.clientX - rect.left, event.clientY - rect.top)) event.preventDefault();
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [viewportRef, zoomAt]);

  const pointerHandlers = {
    onPointerDown(event: PointerEvent<HTMLElement>): void {
      if (event.pointerType === 'mouse' && event.button !== 0) return;
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.current.size === 1) moved.current = 0;
      pinch.current = undefined;
    },
    onPointerMove(event: PointerEvent<HTMLElement>): void {
      const last = pointers.current.get(event.pointerId);
      if (last === undefined) return;
      pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
      if (pointers.current.size === 2) {
        const [a, b] = [...pointers.current.values()];
        if (a === undefined || b === undefined) return;
        const spread = Math.hypot(a.x - b.x, a.y - b.y);
        const rect = event.currentTarget.getBoundingClientRect();
        if (pinch.current !== undefined && pinch.current > 0) zoomAt(kRef.current * (spread / pinch.current), (a.x + b.x) / 2 - rect.left, (a.y + b.y) / 2 - rect.top);
        pinch.current = spread;
        moved.current += DRAG_THRESHOLD + 1;
        return;
      }
      const dx = event.clientX - last.x;
      const dy = event.clientY - last.y;
      moved.current += Math.abs(dx) + Math.abs(dy);
      // A finger scrolls natively; a mouse or pen drags the canvas.
      if (event.pointerType === 'touch' || moved.current <= DRAG_THRESHOLD) return;
      // Captured only once it is a drag, so a click still reaches the node under the pointer.
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.setPointerCapture(event.pointerId);
      event.currentTarget.scrollLeft -= dx;
      event.currentTarget.scrollTop -= dy;
    },
    onPointerUp(event: PointerEvent<HTMLElement>): void {
      pointers.current.delete(event.pointerId);
      pinch.current = undefined;
    },
    onPointerCancel(event: PointerEvent<HTMLElement>): void {
      pointers.current.delete(event.pointerId);
      pinch.current = undefined;
    },
  };

  return {
    view,
    zoomBy: (factor) => {
      const element = viewportRef.current;
      zoomAt(kRef.current * factor, (element?.clientWidth ?? 0) / 2, (element?.clientHeight ?? 0) / 2);
    },
    fit,
    reset: () => {
      const element = viewportRef.current;
      zoomAt(1, (element?.clientWidth ?? 0) / 2, (element?.clientHeight ?? 0) / 2);
    },
    reveal: (box) => {
      const element = viewportRef.current;
      if (element === null) return;
      const { x, y, k: scale } = viewRef.current;
      const left = x + box.x * scale - element.scrollLeft;
      const top = y + box.y * scale - element.scrollTop;
      const right = left + box.width * scale;
      const bottom = top + box.height * scale;
      const w = element.clientWidth;
      const h = element.clientHeight;
      element.scrollLeft += left < 8 ? left - 8 : right > w - 8 ? Math.min(right - w + 8, left - 8) : 0;
      element.scrollTop += top < 8 ? top - 8 : bottom > h - 8 ? Math.min(bottom - h + 8, top - 8) : 0;
    },
    wasDrag: () => moved.current > DRAG_THRESHOLD,
    pointerHandlers,
  };
}

/** The canvas for a drawing at zoom `k` in a viewport of `w` x `h`: padded, centred when smaller. */
function layoutView(content: { readonly width: number; readonly height: number } | undefined, k: number, w: number, h: number): Viewport {
  if (content === undefined) return { k, width: w, height: h, x: 0, y: 0, drawingHeight: h };
  const cw = content.width * k + 2 * PAD;
  const ch = content.height * k + 2 * PAD;
  return { k, width: Math.max(w, cw), height: Math.max(h, ch), x: PAD + Math.max(0, (w - cw) / 2), y: PAD + Math.max(0, (h - ch) / 2), drawingHeight: ch };
}
