import type { StateMachineDefinition } from './types';

/**
 * Puts every `{% ... %}` expression on one line. We write long expressions over several lines
 * for reading; the console and asl-validator (`^\{% .+ %\}$`) want them on one.
 */
export function compactJsonata<T extends StateMachineDefinition>(definition: T): T {
  return compact(definition) as T;
}

function compact(value: unknown): unknown {
  if (typeof value === 'string') {
    return /^\{%[\s\S]*%\}$/.test(value) ? value.replace(/\n\s*/g, ' ') : value;
  }
  if (Array.isArray(value)) return value.map(compact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compact(item)]));
  }
  return value;
}
