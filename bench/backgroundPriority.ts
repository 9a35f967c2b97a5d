import { DEFAULT_ADAPTER_PRIORITY } from '../local/app/startLocalApp';

/**
 * The OS priority of the benches' background processes, the ECS adapters and the mock city
 * (`BENCH_BACKGROUND_PRIORITY`, 0 normal to 19 lowest): `npm start`'s adapter priority by default.
 * The mock city stands in for a city on machines of its own, so it is set as low as the adapters.
 */
export const BACKGROUND_PRIORITY = Number(process.env.BENCH_BACKGROUND_PRIORITY ?? DEFAULT_ADAPTER_PRIORITY);
