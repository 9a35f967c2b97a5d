/** Milliseconds as the console shows a duration: `850 ms`, `12.4 s`, `3 min 5 s`, `2 h 4 min`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

/** The time between two ISO timestamps, or '—'. */
export function formatBetween(fromIso: string | undefined, toIso: string | undefined): string {
  if (fromIso === undefined || toIso === undefined) return '—';
  return formatMs(Date.parse(toIso) - Date.parse(fromIso));
}

const clock = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

/** An ISO timestamp in the reader's zone, with milliseconds (events are often a few ms apart). */
export function formatInstant(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${clock.format(time)}.${String(time % 1000).padStart(3, '0')}`;
}

const timeOfDay = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Just the time of an ISO timestamp, with milliseconds: `14:02:11.620`. */
export function formatTimeOfDay(iso: string | undefined): string {
  if (iso === undefined) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${timeOfDay.format(time)}.${String(time % 1000).padStart(3, '0')}`;
}

/** JSON text pretty-printed, or the text as it is when it is not JSON. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
