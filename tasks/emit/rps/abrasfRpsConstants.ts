/**
 * ABRASF 2.04 values the RPS is built with (nfse_v204.xsd). The emit task builds the RPS once;
 * the adapter only wraps and sends it, with its own copy of the namespace for its envelopes.
 */
export const ABRASF_NS = 'http://www.abrasf.org.br/nfse.xsd';

/** ABRASF yes/no (`tsSimNao`): 1 = sim, 2 = não. */
export const SIM_NAO = { sim: '1', nao: '2' } as const;
