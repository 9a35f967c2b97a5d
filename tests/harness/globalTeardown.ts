/** Stops the local cloud started by the global setup. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOCAL_CLOUD__?.stop();
  globalThis.__LOCAL_CLOUD__ = undefined;
}
