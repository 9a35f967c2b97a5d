import type { OmieFault } from '../../contracts/omie';

/** A fault as Omie sends it: an HTTP status and the SOAP-style body its JSON API keeps. */
export interface OmieFaultResponse {
  readonly status: number;
  readonly body: OmieFault;
}

const client = (code: number, faultstring: string, status = 500): OmieFaultResponse => ({ status, body: { faultstring, faultcode: `SOAP-ENV:Client-${code}` } });

/**
 * The faults our calls can meet, worded as Omie words them (its JSON API keeps the SOAP
 * `faultstring`/`faultcode` pair and answers them with HTTP 500; throttling with 429).
 * https://ajuda.omie.com.br/pt-BR/articles/8001888-tratando-os-erros-de-api
 */
export const OMIE_FAULTS = {
  invalidKey: (): OmieFaultResponse => client(101, 'ERROR: A chave de acesso não está preenchida ou não é válida!'),
  unknownCall: (call: string): OmieFaultResponse => client(113, `ERROR: Método [${call}] não existe neste serviço!`),
  invalidParam: (detail: string): OmieFaultResponse => client(5113, `ERROR: Estrutura do parâmetro inválida: ${detail}`),
  /** Omie refuses the same call with the same parameters within 60 s of the last one. */
  redundant: (call: string, seconds: number): OmieFaultResponse =>
    client(6, `ERROR: Consumo redundante detectado para o método [${call}]. Aguarde ${seconds} segundos para realizar a mesma requisição novamente.`, 425),
  rateLimited: (): OmieFaultResponse => client(8, 'ERROR: Limite de requisições por minuto excedido para esta aplicação. Tente novamente em instantes.', 429),
  server: (): OmieFaultResponse => ({ status: 500, body: { faultstring: 'ERROR: Serviço temporariamente indisponível. Tente novamente mais tarde.', faultcode: 'SOAP-ENV:Server' } }),
  contractExists: (key: string, nCodCtr: number): OmieFaultResponse => client(102, `ERROR: Contrato já cadastrado para o Código de Integração [${key}] com o Código [${nCodCtr}]!`),
  contractNotFound: (key: string): OmieFaultResponse => client(103, `ERROR: Contrato não cadastrado para o Código de Integração [${key}]!`),
  clientNotFound: (nCodCli: number): OmieFaultResponse => client(103, `ERROR: Cliente não cadastrado para o Código [${nCodCli}]!`),
  clientKeyNotFound: (key: string): OmieFaultResponse => client(103, `ERROR: Cliente não cadastrado para o Código de Integração [${key}]!`),
  /** What the fault knob injects as a permanent refusal: the ERP's own business rule. */
  clientBlocked: (nCodCli: number): OmieFaultResponse => client(120, `ERROR: O cliente [${nCodCli}] está bloqueado para faturamento!`),
  invalidCnpj: (cnpj: string): OmieFaultResponse => client(104, `ERROR: CNPJ/CPF [${cnpj}] inválido!`),
} as const;
