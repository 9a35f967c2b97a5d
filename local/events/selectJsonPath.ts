/**
 * Evaluates the JSONPath subset EventBridge supports in InputPath and InputPathsMap: `$`, dot
 * notation (names with dashes and underscores), array indices and `*`. Undefined when nothing matches.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
export function selectJsonPath(document: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (steps === undefined) return undefined;
  let current: unknown = document;
  let fannedOut = false;
  for (const step of steps) {
    if (fannedOut) {
      current = (current as unknown[]).map((item) => stepInto(item, step)).filter((v) => v !== undefined);
    } else if (step === '*') {
      current = current !== null && typeof current === 'object' ? Object.values(current) : undefined;
      fannedOut = true;
    } else {
      current = stepInto(current, step);
    }
    if (current === undefined) return undefined;
  }
  return current;
}

/** True when EventBridge would accept the path. */
export function isValidJsonPath(path: string): boolean {
  return parseJsonPath(path) !== undefined;
}

function stepInto(value: unknown, step: string | number): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  if (typeof step === 'number') return Array.isArray(value) ? value[step] : undefined;
  return Array.isArray(value) ? undefined : (value as Record<string, unknown>)[step];
}

const STEP = /^(?:\.([A-Za-z0-9_\-/]+|\*)|\[(\d+|\*)\]|\['([^']+)'\])/;

function parseJsonPath(path: string): Array<string | number> | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: Array<string | number> = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (match === null) return undefined;
    const [whole, dotted, bracketed, quoted] = match;
    if (dotted !== undefined) steps.push(dotted);
    else if (bracketed !== undefined) steps.push(bracketed === '*' ? '*' : Number(bracketed));
    else if (quoted !== undefined) steps.push(quoted);
    rest = rest.slice(whole.length);
  }
  return steps;
}
