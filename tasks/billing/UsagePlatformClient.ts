import type { z } from 'zod';
import type { CompanyUsage } from '../../contracts/billingUsage';
import { isValidCnpj } from '../../contracts/cnpj';
import { CobrancaPageSchema, PixpayPageSchema, UsageCompanyPageSchema, UsageErrorSchema, type UsageCompany } from '../../contracts/usagePlatform';
import { UsageRejectedError, UsageTransientError } from './errors';
import { fetchJson, NoAnswerError, type FetchFn } from './fetchJson';
import { reaisToCentavos } from './money';

/** Options of {@link UsagePlatformClient}. */
export interface UsagePlatformClientOptions {
  /** e.g. `https://usage.example/` (`{baseUrl}/v1/empresas`). */
  readonly baseUrl: string;
  readonly token: string;
  /** Per HTTP call. @default 10000 */
  readonly timeoutMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: FetchFn;
}

/** Pages a list at most this far: a platform that keeps saying "more" is answering nonsense. */
const MAX_PAGES = 1000;

/**
 * The usage platform's REST API: its client companies and their monthly usage per product.
 * 5xx and no answer are `Usage.Transient`, anything else it refuses or we cannot read is
 * `Usage.Rejected`.
 */
export class UsagePlatformClient {
  private readonly options: Required<UsagePlatformClientOptions>;

  public constructor(options: UsagePlatformClientOptions) {
    this.options = { timeoutMs: options.timeoutMs ?? 10_000, fetch: options.fetch ?? ((input, init) => fetch(input, init)), ...options, baseUrl: options.baseUrl.replace(/\/+$/, '') };
  }

  /** One page of the client companies (`GET /v1/empresas?pagina=N`). */
  public async companiesPage(page: number): Promise<z.infer<typeof UsageCompanyPageSchema>> {
    return this.get('/v1/empresas', { pagina: String(page) }, UsageCompanyPageSchema);
  }

  /** Every client company, page after page. */
  public async companies(): Promise<UsageCompany[]> {
    return this.allPages((page) => this.companiesPage(page));
  }

  /**
   * Every company's usage of the month, both products joined by company, money in centavos. A
   * company with an invalid CNPJ is left out and named in `invalid` (it cannot be invoiced).
   */
  public async usage(competencia: string): Promise<{ readonly companies: CompanyUsage[]; readonly invalid: readonly string[] }> {
    const [companies, cobranca, pixpay] = await Promise.all([
      this.companies(),
      this.allPages((page) => this.get('/v1/volumetria/cobranca', { competencia, pagina: String(page) }, CobrancaPageSchema)),
      this.allPages((page) => this.get('/v1/volumetria/pixpay', { competencia, pagina: String(page) }, PixpayPageSchema)),
    ]);
    const cobrancaOf = new Map(cobranca.map((v) => [v.idEmpresa, v]));
    const pixpayOf = new Map(pixpay.map((v) => [v.idEmpresa, v]));
    const invalid: string[] = [];
    const usage: CompanyUsage[] = [];
    for (const company of companies) {
      if (!isValidCnpj(company.cnpj)) {
        invalid.push(String(company.idEmpresa));
        continue;
      }
      const c = cobrancaOf.get(company.idEmpresa);
      const p = pixpayOf.get(company.idEmpresa);
      usage.push({
        empresaId: String(company.idEmpresa),
        cnpj: company.cnpj,
        razaoSocial: company.razaoSocial,
        ...(company.email !== undefined ? { email: company.email } : {}),
        cobranca: { quantity: c?.qtdeTitulos ?? 0, centavos: reaisToCentavos(c?.valorTotal ?? 0) },
        pixpay: { quantity: p?.qtdeMotoristas ?? 0, centavos: reaisToCentavos(p?.valorTotal ?? 0) },
      });
    }
    return { companies: usage, invalid };
  }

  private async allPages<Item>(page: (n: number) => Promise<{ totalPaginas: number; itens: Item[] }>): Promise<Item[]> {
    const items: Item[] = [];
    for (let n = 1; n <= MAX_PAGES; n++) {
      const answer = await page(n);
      items.push(...answer.itens);
      if (n >= answer.totalPaginas) return items;
    }
    throw new UsageRejectedError(`the usage platform answered more than ${MAX_PAGES} pages`);
  }

  private async get<Schema extends z.ZodType>(path: string, query: Record<string, string>, schema: Schema): Promise<z.infer<Schema>> {
    const url = `${this.options.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    let answer;
    try {
      answer = await fetchJson(this.options.fetch, url, { headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/json' } }, this.options.timeoutMs);
    } catch (error) {
      if (error instanceof NoAnswerError) throw new UsageTransientError(`usage platform: ${error.message}`, { cause: error });
      throw error;
    }
    const said = UsageErrorSchema.safeParse(answer.body);
    const detail = said.success ? said.data.erro : `HTTP ${answer.status}`;
    if (answer.status >= 500 || answer.status === 429) throw new UsageTransientError(`usage platform answered ${answer.status} on ${path}: ${detail}`);
    if (answer.status !== 200) throw new UsageRejectedError(`usage platform refused ${path} (${answer.status}): ${detail}`);
    const parsed = schema.safeParse(answer.body);
    if (!parsed.success) throw new UsageRejectedError(`usage platform answered ${path} in a shape we do not know: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
  }
}
