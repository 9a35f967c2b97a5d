/**
 * ListaMensagemRetorno codes with a meaning beyond "rejected". ABRASF's manual names E10 for a
 * duplicate RPS; the others differ between city systems, so a city's registry entry may override
 * them (the defaults are the ones the local provider mock answers).
 */
export interface CityCodes {
  /** "RPS já informado": the RPS was issued before; consult it instead of failing. @default ['E10'] */
  readonly rpsAlreadyInformed: readonly string[];
  /** "Lote ainda não processado" (asynchronous cities). @default ['E92'] */
  readonly batchNotYetProcessed: readonly string[];
  /** "NFS-e já cancelada": a repeated cancellation, success. @default ['E79'] */
  readonly alreadyCancelled: readonly string[];
}

/** The codes the local mock answers, and the ABRASF manual's E10. */
export const DEFAULT_CITY_CODES: CityCodes = {
  rpsAlreadyInformed: ['E10'],
  batchNotYetProcessed: ['E92'],
  alreadyCancelled: ['E79'],
};
