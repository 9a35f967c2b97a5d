#!/usr/bin/env node
// `npm test`: jest at once, with the checks (tsc, eslint) running beside it at a lower CPU
// priority. The suites spend a third of their time waiting on the local cloud's timers, so the
// checks (single-threaded, ~100 s of CPU together) fill cores jest leaves idle instead of holding
// jest back for 75-95 s; at nice 10 the kernel gives them what jest does not use. jest's output
// streams as it runs; each check's output and time follow once jest has ended. Exits 1 when jest
// or any check failed. Arguments go to jest (`npm test -- tests/e2e`).
const os = require('node:os');
const { spawn } = require('node:child_process');

/**
 * The npm scripts run beside jest. Not `clients:build`: tests/clients/typescriptClient.test.ts
 * builds the client with the same `tsc -p clients/typescript/tsconfig.json` and loads what it
 * built, and two builds writing `dist/` at once could hand that test a half-written file.
 */
const CHECKS = ['typecheck', 'lint'];
/** Nice value of the checks: low enough that jest's workers and the local cloud go first. */
const CHECK_PRIORITY = 10;

/** Runs `npm run -s name` at a low priority, resolving with its exit code, what it printed, and how long it took. */
function runCheck(name) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '-s', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      // Before npm has started the script's process, which inherits it.
      os.setPriority(child.pid, CHECK_PRIORITY);
    } catch {
      // Not permitted here: the check runs at normal priority.
    }
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal, output: Buffer.concat(output), seconds: (Date.now() - started) / 1000 }));
  });
}

/** Runs jest with these arguments, its output on this terminal, resolving with its exit code. */
function runJest(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit' });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

async function main() {
  const checks = Promise.all(CHECKS.map(runCheck));
  const jestCode = await runJest(process.argv.slice(2));
  const results = await checks;
  for (const result of results) {
    process.stdout.write(result.output);
    const outcome = result.code === 0 ? 'ok' : `FAILED (${result.signal ?? `exit ${result.code}`})`;
    process.stdout.write(`${result.name}: ${outcome} in ${result.seconds.toFixed(1)} s\n`);
  }
  process.exit(jestCode === 0 && results.every((result) => result.code === 0) ? 0 : 1);
}

void main();
