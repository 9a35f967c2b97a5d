import fs from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import type { MunicipalityConfig } from '../../contracts/municipality';
import type { CompanyCredentials } from '../certificates/CompanyCredentials';

/** Options of {@link CityAgents}. */
export interface CityAgentsOptions {
  /** Reads a city's `caFile`. @default fs.readFileSync(file, 'utf8') */
  readonly readCaFile?: (file: string) => string;
  /** The most agents kept; past it the least recently used is closed. @default 1000 */
  readonly maxAgents?: number;
}

/** The oldest TLS version a city call accepts. */
export const MIN_TLS_VERSION = 'TLSv1.2';

interface KeptAgent {
  readonly fingerprint: string | undefined;
  readonly agent: https.Agent;
}

/** The part of a municipality the agents depend on. */
export type AgentCity = Pick<MunicipalityConfig, 'code' | 'endpoint' | 'mtls' | 'caFile'>;

/**
 * The HTTPS agents of the city calls, kept warm (keep-alive) so a call does not pay a TLS
 * handshake: one per company and city where the city requires mutual TLS, presenting the
 * company's A1 certificate, and one per city where only its server CA is ours to name
 * (`caFile`). TLS 1.2 or newer; the server certificate is verified against the city's `caFile`,
 * or Node's bundled roots when it has none. A company whose certificate changed gets a new agent
 * (the old one closes its connections). Where neither applies (plain HTTP, or HTTPS with Node's
 * roots and no client certificate) there is no agent: the transport's own pool serves it.
 *
 * The key goes into a `tls.SecureContext` built here, never into the agent's options, so nothing
 * that prints an agent or a request's options (strong-soap's debug log does) can print it.
 */
export class CityAgents {
  private readonly agents = new Map<string, KeptAgent>();
  private readonly cas = new Map<string, string>();
  private readonly readCaFile: (file: string) => string;
  private readonly maxAgents: number;

  constructor(options: CityAgentsOptions = {}) {
    this.readCaFile = options.readCaFile ?? ((file) => fs.readFileSync(file, 'utf8'));
    this.maxAgents = options.maxAgents ?? 1000;
  }

  /**
   * The agent for a call to `city` on behalf of the company `credentials` opened; undefined
   * when the transport's default serves. Throws when the city requires mutual TLS and no
   * credentials are given, or when its `caFile` cannot be read.
   */
  agentFor(city: AgentCity, credentials: CompanyCredentials | undefined): https.Agent | undefined {
    if (!city.endpoint.startsWith('https:')) {
      if (city.mtls) throw new Error(`municipality ${city.code} requires mutual TLS but its endpoint ${city.endpoint} is not https`);
      return undefined;
    }
    if (!city.mtls && city.caFile === undefined) return undefined;
    if (city.mtls && credentials === undefined) throw new Error(`municipality ${city.code} requires mutual TLS: a call needs the company's certificate`);
    const key = city.mtls && credentials !== undefined ? `${city.code}/${credentials.cnpj}` : city.code;
    const fingerprint = city.mtls ? credentials?.fingerprint : undefined;
    const kept = this.agents.get(key);
    if (kept !== undefined) {
      this.agents.delete(key);
      if (kept.fingerprint === fingerprint) {
        // Most recently used last: the map's order is the eviction order.
        this.agents.set(key, kept);
        return kept.agent;
      }
      kept.agent.destroy();
    }
    const agent = this.newAgent(city, city.mtls ? credentials : undefined);
    this.agents.set(key, { fingerprint, agent });
    this.evict();
    return agent;
  }

  /** Closes every agent's connections (the adapter is stopping). */
  destroy(): void {
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  /** How many agents are kept (for tests and health). */
  get size(): number {
    return this.agents.size;
  }

  private newAgent(city: AgentCity, credentials: CompanyCredentials | undefined): https.Agent {
    const secureContext = tls.createSecureContext({
      minVersion: MIN_TLS_VERSION,
      ...(city.caFile === undefined ? {} : { ca: this.caOf(city.caFile) }),
      ...(credentials === undefined ? {} : { key: credentials.certificate.privateKeyPem, cert: [credentials.certificate.certificatePem, ...credentials.certificate.chainPem].join('\n') }),
    });
    return new https.Agent({ keepAlive: true, secureContext, minVersion: MIN_TLS_VERSION, rejectUnauthorized: true });
  }

  private caOf(file: string): string {
    let ca = this.cas.get(file);
    if (ca === undefined) {
      try {
        ca = this.readCaFile(file);
      } catch (error) {
        throw new Error(`the CA file ${file} of a municipality could not be read`, { cause: error });
      }
      this.cas.set(file, ca);
    }
    return ca;
  }

  private evict(): void {
    while (this.agents.size > this.maxAgents) {
      const [oldest] = this.agents;
      if (oldest === undefined) return;
      oldest[1].agent.destroy();
      this.agents.delete(oldest[0]);
    }
  }
}
