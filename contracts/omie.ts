import { z } from 'zod';

/**
 * The part of Omie's API we use, as it is on the wire: a JSON `POST` to a service URL
 * (`/api/v1/servicos/contrato/`, `/api/v1/geral/clientes/`) with `{call, app_key, app_secret,
 * param: [ {...} ]}`; a fault is HTTP 500 (or 429/425 when throttled) with `{faultstring,
 * faultcode}`. Money is a JSON number in reais there: we send it from integer centavos.
 * https://developer.omie.com.br/service-list/
 */

export const OMIE_SERVICES = { contratos: '/api/v1/servicos/contrato/', clientes: '/api/v1/geral/clientes/' } as const;

/** The JSON-RPC-like envelope of every call. */
export const OmieRequestSchema = z.object({
  call: z.string().min(1),
  app_key: z.string(),
  app_secret: z.string(),
  param: z.array(z.record(z.string(), z.unknown())).length(1),
});
export type OmieRequest = z.infer<typeof OmieRequestSchema>;

/** What Omie answers when it refuses a call. */
export const OmieFaultSchema = z.object({ faultstring: z.string(), faultcode: z.string() });
export type OmieFault = z.infer<typeof OmieFaultSchema>;

/** `UpsertClienteCpfCnpj`: creates the client, or updates the one with that CNPJ. */
export const UpsertClienteParamSchema = z.object({
  codigo_cliente_integracao: z.string().min(1).max(60),
  cnpj_cpf: z.string().min(11),
  razao_social: z.string().min(1).max(60),
  nome_fantasia: z.string().max(100).optional(),
  email: z.string().optional(),
});
export type UpsertClienteParam = z.infer<typeof UpsertClienteParamSchema>;
export const UpsertClienteResponseSchema = z.object({
  codigo_cliente_omie: z.number().int(),
  codigo_cliente_integracao: z.string(),
  codigo_status: z.string(),
  descricao_status: z.string(),
});
export type UpsertClienteResponse = z.infer<typeof UpsertClienteResponseSchema>;

/** `ConsultarCliente` by our key: the client as the ERP holds it. */
export const ConsultarClienteParamSchema = z.object({ codigo_cliente_integracao: z.string().min(1) });
export const ConsultarClienteResponseSchema = z.object({ codigo_cliente_omie: z.number().int(), codigo_cliente_integracao: z.string(), cnpj_cpf: z.string(), razao_social: z.string() });
export type ConsultarClienteResponse = z.infer<typeof ConsultarClienteResponseSchema>;

/** One line of a contract: a service, its quantity and value. */
export const ContratoItemSchema = z.object({
  itemCabecalho: z.object({ seq: z.number().int().min(1), codServico: z.string().min(1), quant: z.number().min(0), valorUnit: z.number().min(0), valorTotal: z.number().min(0) }),
  itemDescrServ: z.object({ descrCompleta: z.string().min(1) }),
});

/** `IncluirContrato`: `cCodIntCtr` is our key for the contract (competência + company), unique in the ERP. */
export const IncluirContratoParamSchema = z.object({
  cabecalho: z.object({
    cCodIntCtr: z.string().min(1).max(20),
    cNumCtr: z.string().min(1).max(20),
    nCodCli: z.number().int(),
    /** dd/mm/yyyy, as Omie writes dates. */
    dVigInicial: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/),
    dVigFinal: z.string().regex(/^\d{2}\/\d{2}\/\d{4}$/),
    nDiaFat: z.number().int().min(1).max(31),
    nValTotMes: z.number().min(0),
    cCodSit: z.string(),
  }),
  itensContrato: z.array(ContratoItemSchema).min(1),
});
export type IncluirContratoParam = z.infer<typeof IncluirContratoParamSchema>;
export const IncluirContratoResponseSchema = z.object({ nCodCtr: z.number().int(), cCodIntCtr: z.string(), cCodStatus: z.string(), cDescStatus: z.string() });
export type IncluirContratoResponse = z.infer<typeof IncluirContratoResponseSchema>;

/** `ConsultarContrato` by our key. */
export const ConsultarContratoParamSchema = z.object({ contratoChave: z.object({ cCodIntCtr: z.string().min(1) }) });
export const ConsultarContratoResponseSchema = z.object({
  contratoCadastro: z.object({ cabecalho: z.object({ nCodCtr: z.number().int(), cCodIntCtr: z.string(), nCodCli: z.number().int(), nValTotMes: z.number() }) }),
});
export type ConsultarContratoResponse = z.infer<typeof ConsultarContratoResponseSchema>;
