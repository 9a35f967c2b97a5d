import type { LocalContext } from '../edge/LocalContext';
import { EventsService } from './EventsService';

export { EventsService, isEventsService, type RecordedEvent } from './EventsService';
export type { EventBridgeEvent } from './EventBridgeEvent';

/** Starts the local EventBridge (the `default` bus exists from the start). */
export async function createEventsService(context: LocalContext): Promise<EventsService> {
  const service = new EventsService(context);
  await service.start();
  return service;
}
