/** The Sefin Nacional mock (NFS-e Nacional REST over mutual TLS) of the local cloud and the tests. */
export { createNacionalMock, startNacionalMock, NACIONAL_MOCK_CODES, SEFIN_BASE_PATH } from './startNacionalMock';
export type { NacionalMock, NacionalMockService, NacionalMockMunicipality, NacionalMockOptions } from './startNacionalMock';
export { defaultNacionalKnobs, NACIONAL_FAILURE_KINDS, NACIONAL_OPERATIONS } from './nacionalKnobs';
export type { NacionalFailNext, NacionalFailureKind, NacionalMockKnobs, NacionalMockKnobsPatch, NacionalOperation } from './nacionalKnobs';
export type { NacionalMockStatsSnapshot } from './SefinLedger';
export { chaveAcessoOf, chaveCheckDigit } from './chaveAcesso';
