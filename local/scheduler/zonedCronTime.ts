import { nextCronTime, type CronFields } from '../events/scheduleExpression';

/**
 * The first minute strictly after `afterMs` (epoch ms) whose wall time in `timeZone` the cron
 * fields allow, as epoch ms; undefined within 5 years. The zone's offset comes from `Intl` (the
 * IANA database), never a fixed number, so a zone that changes its rules keeps firing at the
 * local hour.
 * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html#cron-based
 */
export function nextZonedCronTime(fields: CronFields, afterMs: number, timeZone: string): number | undefined {
  // The cron fields are read against the zone's wall time, written as if it were UTC.
  let wallAfter = afterMs + offsetMs(timeZone, afterMs);
  for (let guard = 0; guard < 4; guard++) {
    const wall = nextCronTime(fields, wallAfter);
    if (wall === undefined) return undefined;
    const instant = wallToInstant(timeZone, wall);
    if (instant > afterMs) return instant;
    // A wall time repeated by a backwards shift: look past it.
    wallAfter = wall;
  }
  return undefined;
}

/** Whether `Intl` knows the zone (`America/Sao_Paulo`, `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at `instant` (São Paulo: -3 h). */
export function offsetMs(timeZone: string, instant: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall time of the zone names (in a skipped hour, the instant after the shift). */
function wallToInstant(timeZone: string, wall: number): number {
  const guess = wall - offsetMs(timeZone, wall);
  return wall - offsetMs(timeZone, guess);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let known = formatters.get(timeZone);
  if (known === undefined) {
    known = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, known);
  }
  return known;
}
