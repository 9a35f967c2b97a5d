import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ensureConsoleBuilt } from '../../local/web/buildConsole';

/** What the browser fetches before the first render: index.html's scripts, preloads and styles. */
function initialFiles(distDir: string): string[] {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
  return refs.map((ref) => path.join(distDir, ref));
}

describe('the console bundle', () => {
  let distDir: string;

  beforeAll(async () => {
    ({ distDir } = await ensureConsoleBuilt());
  }, 120_000);

  it('loads under 300 KB gzipped before the first render, without the layout engine', () => {
    const files = initialFiles(distDir);
    const gzipped = files.reduce((sum, file) => sum + zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length, 0);

    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(gzipped).toBeLessThan(300 * 1024);
    // ELK's own option namespace: present only in the layout worker.
    for (const file of files) expect(fs.readFileSync(file, 'utf8')).not.toContain('org.eclipse.elk');
  });

  it('has no inline script or style in index.html, so the CSP holds', () => {
    const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');

    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style[\s>]/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});
