#!/usr/bin/env node
// Runs npm scripts side by side and prints each one's output whole, in the order given, once it
// has finished: `npm test`'s checks (tsc, eslint, the client's build) are single-threaded, so
// on two cores two of them run in the time of one. Exits 1 when any of them failed.
const { spawn } = require('node:child_process');

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/runParallel.js SCRIPT...\n');
  process.exit(2);
}

/** Runs `npm run -s name`, resolving with its exit code, what it printed, and how long it took. */
function run(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output: Buffer.concat(output), seconds: (Date.now() - started) / 1000 }));
  });
}

Promise.all(names.map(run)).then((results) => {
  for (const result of results) {
    process.stdout.write(result.output);
    const outcome = result.code === 0 ? 'ok' : `FAILED (${result.signal ?? `exit ${result.code}`})`;
    process.stdout.write(`${result.name}: ${outcome} in ${result.seconds.toFixed(1)} s\n`);
  }
  process.exit(results.every((result) => result.code === 0) ? 0 : 1);
});
