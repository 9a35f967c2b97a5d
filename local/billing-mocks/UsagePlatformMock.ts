import { BILLED_PRODUCTS, type BilledProduct, type CobrancaVolume, type PixpayVolume, type UsageCompany } from '../../contracts/usagePlatform';
import { applyPatch } from './applyPatch';
import { defaultUsageKnobs, UsageKnobsPatchSchema, type UsageKnobs, type UsageKnobsPatch } from './billingMockKnobs';
import { generatedClients, generatedUsage, type ClientUsage } from './generatedUsage';
import type { MockAnswer } from './OmieMock';

/** What `GET /_mock/usage/stats` answers. */
export interface UsageMockStats {
  /** Calls per route (`empresas`, `volumetria/cobranca`, `volumetria/pixpay`), faults included. */
  readonly calls: Record<string, number>;
  readonly faults: Record<string, number>;
}

/** Options of {@link UsagePlatformMock}. */
export interface UsagePlatformMockOptions {
  /** The bearer token it accepts. */
  readonly token: string;
  /** Client companies it starts with. @default 20 generated ones */
  readonly clients?: readonly UsageCompany[];
  /** @default Math.random */
  readonly random?: () => number;
  readonly knobs?: UsageKnobsPatch;
}

const COMPETENCIA = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * The usage platform (volumetria): its client companies and each one's monthly usage per billed
 * product, paged, behind a bearer token. A month nobody set explicitly is generated (stable per
 * client and month, see `generatedUsage`).
 */
export class UsagePlatformMock {
  private knobs: UsageKnobs;
  private clients: UsageCompany[];
  private readonly explicit = new Map<string, Map<number, ClientUsage>>();
  private readonly random: () => number;
  private stats: { calls: Record<string, number>; faults: Record<string, number> } = { calls: {}, faults: {} };

  public constructor(private readonly options: UsagePlatformMockOptions) {
    this.knobs = applyPatch(defaultUsageKnobs(), UsageKnobsPatchSchema, options.knobs ?? {});
    this.clients = [...(options.clients ?? generatedClients(20))];
    this.random = options.random ?? Math.random;
  }

  public getKnobs(): UsageKnobs {
    return this.knobs;
  }

  public setKnobs(patch: UsageKnobsPatch): UsageKnobs {
    this.knobs = applyPatch(this.knobs, UsageKnobsPatchSchema, patch);
    return this.knobs;
  }

  /** Replaces the client companies (their usage is generated unless set). */
  public setClients(clients: readonly UsageCompany[]): void {
    this.clients = [...clients];
  }

  public listClients(): readonly UsageCompany[] {
    return this.clients;
  }

  /** Sets one client's usage of a month (what the generator would say otherwise). */
  public setUsage(competencia: string, usage: ClientUsage): void {
    const month = this.explicit.get(competencia) ?? new Map<number, ClientUsage>();
    month.set(usage.cobranca.idEmpresa, usage);
    this.explicit.set(competencia, month);
  }

  /** A client's usage of a month, as the platform answers it. */
  public usageOf(client: UsageCompany, competencia: string): ClientUsage {
    return this.explicit.get(competencia)?.get(client.idEmpresa) ?? generatedUsage(client, competencia);
  }

  public snapshot(): UsageMockStats {
    return { calls: { ...this.stats.calls }, faults: { ...this.stats.faults } };
  }

  public resetStats(): void {
    this.stats = { calls: {}, faults: {} };
  }

  /** Answers one `GET` under `/v1/`. */
  public handle(path: string, query: URLSearchParams, authorization: string | undefined): MockAnswer {
    const route = path.replace(/^\/v1\//, '').replace(/\/$/, '');
    this.stats.calls[route] = (this.stats.calls[route] ?? 0) + 1;
    if (authorization !== `Bearer ${this.options.token}`) return this.fault('unauthorized', 401, 'token de acesso ausente ou inválido');
    if (this.knobs.transientRate > 0 && this.random() < this.knobs.transientRate) return this.fault('transient', 503, 'serviço temporariamente indisponível');
    const page = Number(query.get('pagina') ?? '1');
    if (!Number.isInteger(page) || page < 1) return this.fault('badRequest', 400, `pagina inválida: ${query.get('pagina') ?? ''}`);
    if (route === 'empresas') return { status: 200, body: this.paged(this.clients, page) };
    const product = /^volumetria\/(.+)$/.exec(route)?.[1];
    if (product === undefined || !(BILLED_PRODUCTS as readonly string[]).includes(product)) return this.fault('notFound', 404, `rota não encontrada: ${path}`);
    const competencia = query.get('competencia') ?? '';
    if (!COMPETENCIA.test(competencia)) return this.fault('badRequest', 400, `competencia inválida: '${competencia}' (use AAAA-MM)`);
    const items = this.clients.map((client) => this.volumeOf(client, competencia, product as BilledProduct));
    return { status: 200, body: { competencia, ...this.paged(items, page) } };
  }

  private volumeOf(client: UsageCompany, competencia: string, product: BilledProduct): CobrancaVolume | PixpayVolume {
    const usage = this.usageOf(client, competencia);
    return product === 'cobranca' ? usage.cobranca : usage.pixpay;
  }

  private paged<Item>(items: readonly Item[], page: number): { pagina: number; totalPaginas: number; itens: Item[] } {
    const size = this.knobs.pageSize;
    return { pagina: page, totalPaginas: Math.ceil(items.length / size), itens: items.slice((page - 1) * size, page * size) };
  }

  private fault(kind: string, status: number, erro: string): MockAnswer {
    this.stats.faults[kind] = (this.stats.faults[kind] ?? 0) + 1;
    return { status, body: { erro } };
  }
}
