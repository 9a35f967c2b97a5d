import type { z } from 'zod';
import {
  ConsultarClienteParamSchema,
  ConsultarContratoParamSchema,
  IncluirContratoParamSchema,
  OMIE_SERVICES,
  OmieRequestSchema,
  UpsertClienteParamSchema,
  type IncluirContratoParam,
  type OmieRequest,
} from '../../contracts/omie';
import { isValidCnpj } from '../../contracts/cnpj';
import { applyPatch } from './applyPatch';
import { defaultOmieKnobs, OmieKnobsPatchSchema, type OmieKnobs, type OmieKnobsPatch } from './billingMockKnobs';
import { OMIE_FAULTS, type OmieFaultResponse } from './omieFaults';

/** An answer of the mock: HTTP status and JSON body. */
export interface MockAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A client of the ERP, as the mock keeps it. */
export interface OmieClientRecord {
  readonly codigo_cliente_omie: number;
  codigo_cliente_integracao: string;
  readonly cnpj_cpf: string;
  razao_social: string;
  email?: string;
}

/** A contract, as the mock keeps it. */
export interface OmieContractRecord {
  readonly nCodCtr: number;
  readonly param: IncluirContratoParam;
}

/** What `GET /_mock/omie/stats` answers. */
export interface OmieMockStats {
  /** Calls per method (`IncluirContrato`), faults included. */
  readonly calls: Record<string, number>;
  /** Faults answered, per kind (`redundant`, `rateLimited`, `duplicate`, `transient`, `rejected`, ...). */
  readonly faults: Record<string, number>;
  readonly contracts: number;
  readonly clients: number;
  readonly clientsCreated: number;
  readonly clientsUpdated: number;
}

/** Options of {@link OmieMock}. */
export interface OmieMockOptions {
  readonly appKey: string;
  readonly appSecret: string;
  /** Epoch ms. @default Date.now */
  readonly now?: () => number;
  /** @default Math.random */
  readonly random?: () => number;
  readonly knobs?: OmieKnobsPatch;
}

/**
 * The ERP (Omie) for what billing uses: `UpsertClienteCpfCnpj` and `ConsultarCliente` on the
 * clients service, `IncluirContrato` and `ConsultarContrato` on the contracts service. Like Omie it
 * refuses a second contract with the same `cCodIntCtr`, the same call with the same parameters
 * within a minute ("consumo redundante") and more than its calls a minute; knobs add 5xx and
 * refusals per key.
 */
export class OmieMock {
  private knobs: OmieKnobs;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly clients = new Map<string, OmieClientRecord>();
  private readonly contracts = new Map<string, OmieContractRecord>();
  /** When each call with the same parameters last succeeded or was refused on its content. */
  private readonly lastProcessed = new Map<string, number>();
  private readonly minuteCalls: number[] = [];
  private readonly plannedLeft = new Map<string, number>();
  /** Keys a planned `redundant` fault refuses until then (epoch ms). */
  private readonly redundantUntil = new Map<string, number>();
  private stats = emptyStats();
  private nextCode = 4_000_000_000;

  public constructor(private readonly options: OmieMockOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.knobs = applyPatch(defaultOmieKnobs(), OmieKnobsPatchSchema, options.knobs ?? {});
  }

  public getKnobs(): OmieKnobs {
    return this.knobs;
  }

  /** Applies part of the knobs (a new `faults` replaces the old, and its counts restart). */
  public setKnobs(patch: OmieKnobsPatch): OmieKnobs {
    this.knobs = applyPatch(this.knobs, OmieKnobsPatchSchema, patch);
    if (patch.faults !== undefined) {
      this.plannedLeft.clear();
      this.redundantUntil.clear();
    }
    return this.knobs;
  }

  public snapshot(): OmieMockStats {
    return { calls: { ...this.stats.calls }, faults: { ...this.stats.faults }, contracts: this.contracts.size, clients: this.clients.size, clientsCreated: this.stats.clientsCreated, clientsUpdated: this.stats.clientsUpdated };
  }

  /** Every contract, by `cCodIntCtr`. */
  public contractsByKey(): ReadonlyMap<string, OmieContractRecord> {
    return this.contracts;
  }

  /** Every client, by CNPJ. */
  public clientsByCnpj(): ReadonlyMap<string, OmieClientRecord> {
    return this.clients;
  }

  /** Forgets clients, contracts and counts; knobs stay. */
  public reset(): void {
    this.clients.clear();
    this.contracts.clear();
    this.lastProcessed.clear();
    this.minuteCalls.length = 0;
    this.plannedLeft.clear();
    this.redundantUntil.clear();
    this.stats = emptyStats();
  }

  /** Answers one `POST` to a service path (`/api/v1/servicos/contrato/`). */
  public handle(servicePath: string, body: unknown): MockAnswer {
    const envelope = OmieRequestSchema.safeParse(body);
    if (!envelope.success) return this.fault('invalidParam', OMIE_FAULTS.invalidParam('envelope {call, app_key, app_secret, param: [ {...} ]}'));
    const request = envelope.data;
    this.stats.calls[request.call] = (this.stats.calls[request.call] ?? 0) + 1;
    if (request.app_key !== this.options.appKey || request.app_secret !== this.options.appSecret) return this.fault('invalidKey', OMIE_FAULTS.invalidKey());
    if (!this.withinRateLimit()) return this.fault('rateLimited', OMIE_FAULTS.rateLimited());
    const signature = `${servicePath}#${request.call}#${JSON.stringify(request.param)}`;
    const last = this.lastProcessed.get(signature);
    const window = this.knobs.redundantWindowSeconds * 1000;
    if (last !== undefined && this.now() - last < window) return this.fault('redundant', OMIE_FAULTS.redundant(request.call, Math.ceil((window - (this.now() - last)) / 1000)));
    if (this.knobs.transientRate > 0 && this.random() < this.knobs.transientRate) return this.fault('transient', OMIE_FAULTS.server());
    const answer = this.dispatch(servicePath, request);
    // A 5xx is not processed: only what Omie did (or refused on its content) counts as consumed.
    if (answer.status < 500 || isClientFault(answer)) this.lastProcessed.set(signature, this.now());
    return answer;
  }

  private dispatch(servicePath: string, request: OmieRequest): MockAnswer {
    const param = request.param[0];
    if (servicePath === OMIE_SERVICES.clientes && request.call === 'UpsertClienteCpfCnpj') return this.withParam(UpsertClienteParamSchema, param, (p) => this.upsertClient(p));
    if (servicePath === OMIE_SERVICES.clientes && request.call === 'ConsultarCliente') {
      return this.withParam(ConsultarClienteParamSchema, param, ({ codigo_cliente_integracao }) => {
        const found = [...this.clients.values()].find((c) => c.codigo_cliente_integracao === codigo_cliente_integracao);
        if (found === undefined) return this.fault('notFound', OMIE_FAULTS.clientKeyNotFound(codigo_cliente_integracao));
        return { status: 200, body: { ...found } };
      });
    }
    if (servicePath === OMIE_SERVICES.contratos && request.call === 'IncluirContrato') return this.withParam(IncluirContratoParamSchema, param, (p) => this.createContract(p));
    if (servicePath === OMIE_SERVICES.contratos && request.call === 'ConsultarContrato') {
      return this.withParam(ConsultarContratoParamSchema, param, ({ contratoChave }) => {
        const contract = this.contracts.get(contratoChave.cCodIntCtr);
        if (contract === undefined) return this.fault('notFound', OMIE_FAULTS.contractNotFound(contratoChave.cCodIntCtr));
        const { cabecalho } = contract.param;
        return { status: 200, body: { contratoCadastro: { cabecalho: { nCodCtr: contract.nCodCtr, cCodIntCtr: cabecalho.cCodIntCtr, nCodCli: cabecalho.nCodCli, nValTotMes: cabecalho.nValTotMes } } } };
      });
    }
    return this.fault('unknownCall', OMIE_FAULTS.unknownCall(request.call));
  }

  private upsertClient(param: z.infer<typeof UpsertClienteParamSchema>): MockAnswer {
    const planned = this.planned(param.codigo_cliente_integracao, 0, 'UpsertClienteCpfCnpj');
    if (planned !== undefined) return planned;
    if (!isValidCnpj(param.cnpj_cpf)) return this.fault('rejected', OMIE_FAULTS.invalidCnpj(param.cnpj_cpf));
    const existing = this.clients.get(param.cnpj_cpf);
    if (existing !== undefined) {
      existing.razao_social = param.razao_social;
      existing.codigo_cliente_integracao = param.codigo_cliente_integracao;
      if (param.email !== undefined) existing.email = param.email;
      this.stats.clientsUpdated++;
      return { status: 200, body: { codigo_cliente_omie: existing.codigo_cliente_omie, codigo_cliente_integracao: param.codigo_cliente_integracao, codigo_status: '0', descricao_status: 'Cliente alterado com sucesso!' } };
    }
    const created: OmieClientRecord = { codigo_cliente_omie: this.nextCode++, codigo_cliente_integracao: param.codigo_cliente_integracao, cnpj_cpf: param.cnpj_cpf, razao_social: param.razao_social, ...(param.email !== undefined ? { email: param.email } : {}) };
    this.clients.set(param.cnpj_cpf, created);
    this.stats.clientsCreated++;
    return { status: 200, body: { codigo_cliente_omie: created.codigo_cliente_omie, codigo_cliente_integracao: param.codigo_cliente_integracao, codigo_status: '0', descricao_status: 'Cliente cadastrado com sucesso!' } };
  }

  private createContract(param: IncluirContratoParam): MockAnswer {
    const key = param.cabecalho.cCodIntCtr;
    const existing = this.contracts.get(key);
    if (existing !== undefined) return this.fault('duplicate', OMIE_FAULTS.contractExists(key, existing.nCodCtr));
    if (![...this.clients.values()].some((c) => c.codigo_cliente_omie === param.cabecalho.nCodCli)) return this.fault('rejected', OMIE_FAULTS.clientNotFound(param.cabecalho.nCodCli));
    const planned = this.planned(key, param.cabecalho.nCodCli);
    if (planned !== undefined) return planned;
    const contract: OmieContractRecord = { nCodCtr: this.nextCode++, param };
    this.contracts.set(key, contract);
    return { status: 200, body: { nCodCtr: contract.nCodCtr, cCodIntCtr: key, cCodStatus: '0', cDescStatus: 'Contrato cadastrado com sucesso!' } };
  }

  /** The planned fault of a key, while it has calls left to fail. */
  private planned(key: string, nCodCli = 0, call = 'IncluirContrato'): MockAnswer | undefined {
    const fault = this.knobs.faults[key];
    if (fault === undefined) return undefined;
    const blockedUntil = this.redundantUntil.get(key);
    if (blockedUntil !== undefined && this.now() < blockedUntil) return this.fault('redundant', OMIE_FAULTS.redundant(call, Math.ceil((blockedUntil - this.now()) / 1000)));
    const left = this.plannedLeft.get(key) ?? fault.times ?? Number.POSITIVE_INFINITY;
    if (left <= 0) return undefined;
    this.plannedLeft.set(key, left - 1);
    if (fault.kind === 'redundant') {
      this.redundantUntil.set(key, this.now() + this.knobs.redundantWindowSeconds * 1000);
      return this.fault('redundant', OMIE_FAULTS.redundant(call, this.knobs.redundantWindowSeconds));
    }
    return fault.kind === 'transient' ? this.fault('transient', OMIE_FAULTS.server()) : this.fault('rejected', OMIE_FAULTS.clientBlocked(nCodCli));
  }

  private withParam<Schema extends z.ZodType>(schema: Schema, param: unknown, then: (value: z.infer<Schema>) => MockAnswer): MockAnswer {
    const parsed = schema.safeParse(param);
    if (!parsed.success) return this.fault('invalidParam', OMIE_FAULTS.invalidParam(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')));
    return then(parsed.data);
  }

  private withinRateLimit(): boolean {
    const now = this.now();
    while (this.minuteCalls.length > 0 && (this.minuteCalls[0] ?? now) <= now - 60_000) this.minuteCalls.shift();
    if (this.minuteCalls.length >= this.knobs.rateLimitPerMinute) return false;
    this.minuteCalls.push(now);
    return true;
  }

  private fault(kind: string, fault: OmieFaultResponse): MockAnswer {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
    return fault;
  }
}

function isClientFault(answer: MockAnswer): boolean {
  const body = answer.body as { faultcode?: unknown };
  return typeof body.faultcode === 'string' && body.faultcode.startsWith('SOAP-ENV:Client');
}

function emptyStats(): { calls: Record<string, number>; faults: Record<string, number>; clientsCreated: number; clientsUpdated: number } {
  return { calls: {}, faults: {}, clientsCreated: 0, clientsUpdated: 0 };
}
