import path from 'node:path';
import { LOCAL_NODE_FLAGS, childNodeArgs, childProfilingArgs } from './childNodeArgs';

/**
 * Names a folder of prebuilt bundles of the child processes (`buildChildBundles`): the test run
 * sets it once, and every API process and adapter task of the run starts from a bundle instead of
 * compiling the TypeScript through tsx at each start (about 1 s of CPU less per process).
 */
export const CHILD_BUNDLES_DIR_ENV = 'NFSE_CHILD_BUNDLES_DIR';

/** The processes the local stack starts as children. */
export type ChildName = 'api' | 'adapter';

/** How to start one child: its Node flags, its entry file, and what its environment needs beside. */
export interface ChildScript {
  readonly execArgv: string[];
  readonly entry: string;
  readonly env: Record<string, string>;
}

const ROOT = path.resolve(__dirname, '../..');

/** The TypeScript entry of each child, from the repository root. */
export const CHILD_ENTRIES: Readonly<Record<ChildName | 'followParent', string>> = {
  api: path.join('local', 'app', 'apiProcessMain.ts'),
  adapter: path.join('adapter-container', 'main.ts'),
  followParent: path.join('local', 'app', 'followParent.ts'),
};

/** How `name` starts: from its bundle when CHILD_BUNDLES_DIR_ENV is set, else through tsx. */
export function childScript(name: ChildName, env: NodeJS.ProcessEnv = process.env): ChildScript {
  const bundles = env[CHILD_BUNDLES_DIR_ENV];
  if (bundles === undefined || bundles === '') {
    return {
      execArgv: childNodeArgs(),
      entry: path.join(ROOT, CHILD_ENTRIES[name]),
      env: {},
    };
  }
  return {
    execArgv: [...LOCAL_NODE_FLAGS, ...childProfilingArgs(), '--enable-source-maps', '--require', path.join(bundles, 'followParent.js')],
    entry: path.join(bundles, `${name}.js`),
    // The adapter finds its vendored XSDs beside its source (`schemasDir.ts`); a bundle lives elsewhere.
    env: name === 'adapter' ? { NFSE_SCHEMAS_DIR: path.join(ROOT, 'adapter-container', 'schemas') } : {},
  };
}
