import type { LocalContext } from '../edge/LocalContext';
import { SchedulerService } from './SchedulerService';

/** Starts the local EventBridge Scheduler, re-arming the schedules persisted in the data directory. */
export async function createSchedulerService(context: LocalContext): Promise<SchedulerService> {
  const service = new SchedulerService(context);
  service.start();
  return service;
}
