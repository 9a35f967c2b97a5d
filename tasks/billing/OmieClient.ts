import type { z } from 'zod';
import {
  ConsultarClienteResponseSchema,
  ConsultarContratoResponseSchema,
  IncluirContratoResponseSchema,
  OMIE_SERVICES,
  OmieFaultSchema,
  UpsertClienteResponseSchema,
  type IncluirContratoParam,
  type OmieFault,
  type UpsertClienteParam,
} from '../../contracts/omie';
import { ErpRedundantError, ErpRejectedError, ErpTransientError } from './errors';
import { fetchJson, NoAnswerError, type FetchFn } from './fetchJson';

/** Options of {@link OmieClient}. */
export interface OmieClientOptions {
  /** e.g. `https://app.omie.com.br` (calls go to `{baseUrl}/api/v1/...`). */
  readonly baseUrl: string;
  readonly appKey: string;
  readonly appSecret: string;
  /** Per HTTP call. @default 15000 */
  readonly timeoutMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: FetchFn;
}

/** A contract in the ERP, and whether this call created it or found it there. */
export interface ErpContract {
  readonly nCodCtr: number;
  readonly created: boolean;
}

/** Omie's own words for a duplicate key and for a repeated call, in its faults. */
const DUPLICATE = /já cadastrad/i;
const REDUNDANT = /consumo redundante/i;
/** Omie refuses the same call within 60 s of the last. */
const REDUNDANT_WINDOW_SECONDS = 60;
const NOT_FOUND = /não cadastrad|não encontrad/i;

/** A fault Omie answered, kept for the caller to tell duplicates and redundancy from refusals. */
class OmieFaultError extends Error {
  public constructor(
    public readonly status: number,
    public readonly fault: OmieFault,
  ) {
    super(fault.faultstring);
    this.name = 'OmieFaultError';
  }
}

/**
 * Omie's JSON API for what billing uses. Every write is idempotent by our keys: a client by its
 * CNPJ (`UpsertClienteCpfCnpj`), a contract by `cCodIntCtr`, so a retry or a re-run finds what
 * the first call made ("já cadastrado", or "consumo redundante" when the first call went through
 * under a minute ago) and answers it. Server faults, 429 and no answer are `Erp.Transient`; a
 * "consumo redundante" that wrote nothing is `Erp.Redundant`, naming Omie's wait; other client
 * faults are `Erp.Rejected`.
 */
export class OmieClient {
  private readonly options: Required<OmieClientOptions>;

  public constructor(options: OmieClientOptions) {
    this.options = { timeoutMs: options.timeoutMs ?? 15_000, fetch: options.fetch ?? ((input, init) => fetch(input, init)), ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  /** Creates the client, or updates the one with its CNPJ; answers its code in the ERP. */
  public async upsertClient(param: UpsertClienteParam): Promise<{ readonly codigoClienteOmie: number; readonly created: boolean }> {
    try {
      const answer = await this.call(OMIE_SERVICES.clientes, 'UpsertClienteCpfCnpj', param, UpsertClienteResponseSchema);
      return { codigoClienteOmie: answer.codigo_cliente_omie, created: /cadastrado/i.test(answer.descricao_status) };
    } catch (error) {
      // The same upsert went through under a minute ago: what it wrote is there to read.
      if (!(error instanceof OmieFaultError) || !REDUNDANT.test(error.fault.faultstring)) throw mapFault(error, 'UpsertClienteCpfCnpj');
      const found = await this.findClient(param.codigo_cliente_integracao);
      // "Redundant" without a client: the earlier identical call wrote nothing; wait as Omie says.
      if (found === undefined) throw mapFault(error, 'UpsertClienteCpfCnpj');
      return { codigoClienteOmie: found, created: false };
    }
  }

  /** The ERP's code of the client with this `codigo_cliente_integracao`, or undefined when it has none. */
  public async findClient(codigoClienteIntegracao: string): Promise<number | undefined> {
    try {
      const answer = await this.call(OMIE_SERVICES.clientes, 'ConsultarCliente', { codigo_cliente_integracao: codigoClienteIntegracao }, ConsultarClienteResponseSchema);
      return answer.codigo_cliente_omie;
    } catch (error) {
      if (error instanceof OmieFaultError && NOT_FOUND.test(error.fault.faultstring) && error.fault.faultcode.startsWith('SOAP-ENV:Client')) return undefined;
      throw mapFault(error, 'ConsultarCliente');
    }
  }

  /** Creates the contract, or finds the one with its `cCodIntCtr` (a retry, a re-run). */
  public async createContract(param: IncluirContratoParam): Promise<ErpContract> {
    try {
      const answer = await this.call(OMIE_SERVICES.contratos, 'IncluirContrato', param, IncluirContratoResponseSchema);
      return { nCodCtr: answer.nCodCtr, created: true };
    } catch (error) {
      const existing = error instanceof OmieFaultError && (DUPLICATE.test(error.fault.faultstring) || REDUNDANT.test(error.fault.faultstring));
      if (!existing) throw mapFault(error, 'IncluirContrato');
      const found = await this.findContract(param.cabecalho.cCodIntCtr);
      // "Redundant" without a contract: the earlier identical call was refused; say so as Omie did.
      if (found === undefined) throw mapFault(error, 'IncluirContrato');
      return { nCodCtr: found, created: false };
    }
  }

  /** The ERP's code of the contract with this `cCodIntCtr`, or undefined when it has none. */
  public async findContract(cCodIntCtr: string): Promise<number | undefined> {
    try {
      const answer = await this.call(OMIE_SERVICES.contratos, 'ConsultarContrato', { contratoChave: { cCodIntCtr } }, ConsultarContratoResponseSchema);
      return answer.contratoCadastro.cabecalho.nCodCtr;
    } catch (error) {
      if (error instanceof OmieFaultError && NOT_FOUND.test(error.fault.faultstring) && error.fault.faultcode.startsWith('SOAP-ENV:Client')) return undefined;
      throw mapFault(error, 'ConsultarContrato');
    }
  }

  private async call<Schema extends z.ZodType>(service: string, call: string, param: object, schema: Schema): Promise<z.infer<Schema>> {
    const body = JSON.stringify({ call, app_key: this.options.appKey, app_secret: this.options.appSecret, param: [param] });
    const answer = await fetchJson(this.options.fetch, `${this.options.baseUrl}${service}`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body }, this.options.timeoutMs);
    const fault = OmieFaultSchema.safeParse(answer.body);
    if (fault.success) throw new OmieFaultError(answer.status, fault.data);
    if (answer.status !== 200) throw new OmieFaultError(answer.status, { faultstring: `HTTP ${answer.status} without a fault body`, faultcode: answer.status >= 500 || answer.status === 429 ? 'SOAP-ENV:Server' : 'SOAP-ENV:Client' });
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw new ErpRejectedError(`ERP answered ${call} in a shape we do not know: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
  }
}

/** Our taxonomy for what a call ended with. */
function mapFault(error: unknown, call: string): Error {
  if (error instanceof NoAnswerError) return new ErpTransientError(`ERP ${call}: ${error.message}`, { cause: error });
  if (!(error instanceof OmieFaultError)) return error instanceof Error ? error : new Error(String(error));
  const { status, fault } = error;
  const transient = status >= 500 && fault.faultcode.startsWith('SOAP-ENV:Server');
  if (REDUNDANT.test(fault.faultstring)) {
    // Omie says how long: "Aguarde 57 segundos". Without a figure, its documented window.
    const seconds = Number(/Aguarde (\d+) segundos/i.exec(fault.faultstring)?.[1] ?? REDUNDANT_WINDOW_SECONDS);
    return new ErpRedundantError(seconds, `ERP ${call} (${status} ${fault.faultcode}): ${fault.faultstring}`, { cause: error });
  }
  if (transient || status === 429) return new ErpTransientError(`ERP ${call} (${status} ${fault.faultcode}): ${fault.faultstring}`, { cause: error });
  return new ErpRejectedError(`ERP ${call} (${fault.faultcode}): ${fault.faultstring}`, { cause: error });
}

