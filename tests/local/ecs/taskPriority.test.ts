import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { EcsLocalService } from '../../../local/ecs/EcsLocalService';
import { startLocalCloud, type LocalCloud } from '../../../local/startLocalCloud';
import { eventually } from '../../harness/eventually';

/** Lower than this process's own, which a child may always be set to. */
const LOW = Math.min(19, os.getPriority() + 9);

/** A task that writes its own OS priority to the file named by PRIORITY_FILE, every 50 ms, until stopped. */
const REPORTING_TASK = "const fs = require('fs'), os = require('os'); setInterval(() => fs.writeFileSync(process.env.PRIORITY_FILE, String(os.getPriority())), 50); process.on('SIGTERM', () => process.exit(0));";

describe('a local ECS task definition with osPriority', () => {
  let cloud: LocalCloud;
  let dir = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nfse-task-priority-'));
    cloud = await startLocalCloud({ port: 0, services: ['ecs'], logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await cloud.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const priorityOf = (file: string) => (): Promise<string> => Promise.resolve(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');

  it("runs the task's process at that priority, and one without it at the normal one", async () => {
    const service = cloud.services.get('ecs') as EcsLocalService;
    const low = path.join(dir, 'low');
    const normal = path.join(dir, 'normal');
    await service.defineService('nfse', { serviceName: 'low', desiredCount: 1, taskDefinition: { family: 'low', command: [process.execPath, '-e', REPORTING_TASK], env: { PRIORITY_FILE: low }, cwd: process.cwd(), osPriority: LOW } });
    await service.defineService('nfse', { serviceName: 'normal', desiredCount: 1, taskDefinition: { family: 'normal', command: [process.execPath, '-e', REPORTING_TASK], env: { PRIORITY_FILE: normal }, cwd: process.cwd() } });

    expect(await eventually('the low task at lower priority', priorityOf(low), (p) => p === String(LOW), { timeoutMs: 10_000 })).toBe(String(LOW));
    expect(await eventually('the normal task reporting', priorityOf(normal), (p) => p !== '', { timeoutMs: 10_000 })).toBe(String(os.getPriority()));
  });
});
