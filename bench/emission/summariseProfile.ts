/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`): self time by function and by file
 * (node_modules collapsed to their package), as percentages of the sampled time. Prints text.
 *
 *   npx tsx bench/emission/summariseProfile.ts PROFILE.cpuprofile [--top 40] [--time]
 */
import fs from 'node:fs';
import nodePath from 'node:path';

/** The repository root: profile frames under it are shown relative to it. */
const REPO_ROOT = nodePath.resolve(__dirname, '..', '..');

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

/** `node_modules/@aws-sdk/client-s3/dist/...` → `@aws-sdk/client-s3`; project files keep their path. */
function fileOf(url: string): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') === true ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? path);
  }
  if (path.startsWith('node:')) return path;
  const root = `${REPO_ROOT}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}

/** A file's component: the package, or the project folder (`local/dynamodb`, `tasks`). */
function componentOf(file: string): string | undefined {
  if (file === '(native)' || file.startsWith('node:') || file.startsWith('wasm://')) return undefined;
  if (file.startsWith('@aws-sdk/') || file.startsWith('@smithy/') || file.startsWith('@aws-crypto/')) return 'aws sdk';
  const parts = file.split('/');
  if (parts[0] === 'local' || parts[0] === 'bench') return parts.slice(0, 2).join('/');
  return file.includes('/') && !file.startsWith('@') ? (parts[0] ?? file) : file;
}

function top(map: Map<string, number>, total: number, count: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, us]) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`);
}

/** Self time per function and per file of one profile. */
function summarise(file: string, count: number, bySamples: boolean): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  // Under load the process is often descheduled and the next sample's time delta counts that wait
  // too; counting samples (one per sampling interval of running) estimates CPU time instead.
  const intervalUs = (profile.endTime - profile.startTime) / Math.max(1, profile.samples.length);
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (bySamples ? intervalUs : (profile.timeDeltas[i] ?? 0))));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  // Each sample's time goes to the leaf-most frame that belongs to a component (package or project folder).
  const byComponent = new Map<string, number>();
  const byProjectCaller = new Map<string, number>();
  const componentCache = new Map<number, [string, string]>();
  const componentsOf = (id: number): [string, string] => {
    const cached = componentCache.get(id);
    if (cached !== undefined) return cached;
    let component: string | undefined;
    let caller: string | undefined;
    for (let at: number | undefined = id; at !== undefined && (component === undefined || caller === undefined); at = parents.get(at)) {
      const node = byId.get(at);
      if (node === undefined) break;
      const file = fileOf(node.callFrame.url);
      const owner = componentOf(file);
      component ??= owner;
      if (caller === undefined && owner !== undefined && /^(local|tasks|adapter-container|contracts|workflows|bench)\b/.test(owner)) caller = owner;
    }
    const result: [string, string] = [component ?? '(native/node only)', caller ?? '(no project frame)'];
    componentCache.set(id, result);
    return result;
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const [component, caller] = componentsOf(id);
    byComponent.set(component, (byComponent.get(component) ?? 0) + us);
    byProjectCaller.set(caller, (byProjectCaller.get(caller) ?? 0) + us);
    const where = fileOf(url);
    const name = `${functionName || '(anonymous)'} ${where}${url !== '' ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
    byFile.set(where, (byFile.get(where) ?? 0) + us);
  }
  return [
    `${file}: ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s`,
    '',
    'time by component (leaf-most package or project folder on the stack, GC and node internals charged to it):',
    ...top(byComponent, total, count),
    '',
    'time by project folder (leaf-most project frame on the stack):',
    ...top(byProjectCaller, total, count),
    '',
    'self time by file / package:',
    ...top(byFile, total, count),
    '',
    'self time by function:',
    ...top(byFunction, total, count),
  ].join('\n');
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const count = topIndex >= 0 ? Number(args[topIndex + 1]) : 40;
const files = args.filter((arg, i) => !arg.startsWith('--') && (topIndex < 0 || i !== topIndex + 1));
// --time weighs samples by their time deltas (right on an idle machine; wrong under load).
const bySamples = !args.includes('--time');
for (const file of files) process.stdout.write(`${summarise(file, count, bySamples)}\n\n`);
