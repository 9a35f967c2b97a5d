/** The mock municipal provider (ABRASF 2.04 SOAP) of the local cloud and the tests. */
export { startProviderMock, startProviderMock as start } from './startProviderMock';
export type { ProviderMock, ProviderMockKnobsApi, ProviderMockOpenCounts, ProviderMockOptions } from './startProviderMock';
export { defaultKnobs, FAILURE_KINDS } from './mockKnobs';
export type { FailNext, FailureKind, ProviderMockKnobs, ProviderMockKnobsPatch } from './mockKnobs';
export type { ProviderMockStatsSnapshot, RpsStats } from './MockStats';
export { MockStats } from './MockStats';
export { MOCK_CODES } from './AbrasfMock';
