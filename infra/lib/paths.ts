import path from 'node:path';

/** The repository root: the CDK app bundles `tasks/`, builds `adapter-container/` and reads `workflows/` from it. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** An absolute path from one relative to the repository root. */
export function fromRepoRoot(relative: string): string {
  return path.join(REPO_ROOT, relative);
}
