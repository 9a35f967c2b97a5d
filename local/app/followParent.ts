/**
 * Preloaded (`--import`, see `childNodeArgs`) into every child process of the local stack — the
 * API's process, the adapter tasks: when the process that started it is gone (killed, or its
 * supervisor stopped it), the child stops too, through its own SIGTERM handler (the API closes
 * its server, an adapter drains), and exits after a short grace period whatever that handler does:
 * the cloud it answered to is gone with its parent.
 */
import { PARENT_PID_ENV, watchParent } from './watchParent';

/** How long a child left alone may take to stop by itself. */
const GRACE_MS = 5_000;

// Set by the parent (ApiProcess, an ECS TaskProcess); not passed on to any child of this process.
const parentPid = Number(process.env[PARENT_PID_ENV] ?? process.ppid);
delete process.env[PARENT_PID_ENV];

watchParent(
  (reason) => {
    process.stderr.write(`${JSON.stringify({ level: 40, pid: process.pid, msg: `stopping: ${reason}` })}\n`);
    setTimeout(() => process.exit(1), GRACE_MS).unref();
    process.kill(process.pid, 'SIGTERM');
  },
  { followNpm: false, parentPid },
);
