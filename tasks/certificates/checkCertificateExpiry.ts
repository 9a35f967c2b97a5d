import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutEventsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetCommand, ScanCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CERTIFICATE_WARNING_DAYS, CompanyCertificateSchema, type CertificateNotices, type CertificateStatus, type CompanyCertificate } from '../../contracts/certificate';
import { CERTIFICATE_EVENT_DETAIL_SCHEMAS, CERTIFICATE_EVENT_SOURCE, CERTIFICATE_EVENT_TYPES, type CertificateEventType } from '../../contracts/certificateEvents';
import { certificateStatusOf } from '../../lib/certificates/certificateStatus';
import { daysLeft } from '../../lib/certificates/checkCertificate';
import { logger } from '../shared/logger';

/** What the expiry check talks to. */
export interface ExpiryDeps {
  readonly ddb: DynamoDBDocumentClient;
  readonly events: EventBridgeClient;
  readonly companiesTable: string;
  readonly eventBusName: string;
  readonly now: () => Date;
}

/** An event one check published. */
export interface PublishedNotice {
  readonly companyCnpj: string;
  readonly detailType: CertificateEventType;
  readonly thresholdDays?: number;
}

/** What one check did. */
export interface ExpiryReport {
  /** Companies with a certificate. */
  readonly examined: number;
  /** Companies whose record changed (status or notices). */
  readonly updated: readonly string[];
  readonly published: readonly PublishedNotice[];
  /** The fewest whole days left among the certificates examined (negative: expired); null without any. */
  readonly fewestDaysLeft: number | null;
  /** Certificates with at most the first warning's days left (30), expired ones included. */
  readonly expiring: number;
}

/** Who the record says wrote a version this check made. */
export const EXPIRY_CHECK_PRINCIPAL = 'nfse-certificate-expiry';

/** What the record should say now, and the one event that announces it (if any is due). */
interface Due {
  readonly status: CertificateStatus;
  readonly notices: CertificateNotices;
  readonly event?: { readonly type: CertificateEventType; readonly thresholdDays?: number; readonly daysLeft: number };
}

/**
 * The status at `now` and the notice due: `CertificateExpired` once after `notAfter`; before, one
 * `CertificateExpiring` for the smallest threshold (30, 15, 7, 1 days) crossed and not yet
 * announced — a certificate uploaded with 10 days left is announced once, at 15, not at 30 too.
 */
function dueAt(certificate: CompanyCertificate, now: Date): Due {
  const status = certificateStatusOf(certificate.metadata, now);
  const left = daysLeft(certificate.metadata, now);
  const { notices } = certificate;
  if (status === 'expired') {
    return notices.expired ? { status, notices } : { status, notices: { ...notices, expired: true }, event: { type: CERTIFICATE_EVENT_TYPES.Expired, daysLeft: left } };
  }
  const crossed = CERTIFICATE_WARNING_DAYS.filter((threshold) => left <= threshold && !notices.expiring.includes(threshold));
  const smallest = crossed.at(-1);
  if (smallest === undefined) return { status, notices };
  return { status, notices: { ...notices, expiring: [...notices.expiring, ...crossed] }, event: { type: CERTIFICATE_EVENT_TYPES.Expiring, thresholdDays: smallest, daysLeft: left } };
}

/**
 * The daily expiry check: for each company with a certificate, records its status and publishes
 * `CertificateExpiring` at 30, 15, 7 and 1 days left and `CertificateExpired` once, each remembered
 * on the record so it goes out once. A notice is first claimed on the record (conditional on the
 * version read, so two overlapping checks never both publish it), then published; should publishing
 * fail, the claim is given back for the next check. A record that changes only when something is
 * due keeps its ETag from day to day.
 */
export async function checkCertificateExpiry(deps: ExpiryDeps): Promise<ExpiryReport> {
  const now = deps.now();
  const updated: string[] = [];
  const published: PublishedNotice[] = [];
  let examined = 0;
  let fewestDaysLeft: number | null = null;
  let expiring = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.ddb.send(
      new ScanCommand({
        TableName: deps.companiesTable,
        ProjectionExpression: 'cnpj, version, certificate',
        FilterExpression: 'attribute_exists(certificate)',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      examined++;
      const certificate = CompanyCertificateSchema.safeParse(item.certificate);
      if (certificate.success) {
        const left = daysLeft(certificate.data.metadata, now);
        fewestDaysLeft = fewestDaysLeft === null ? left : Math.min(fewestDaysLeft, left);
        if (left <= Math.max(...CERTIFICATE_WARNING_DAYS)) expiring++;
      }
      const outcome = await checkCompany(deps, item, now);
      if (outcome === undefined) continue;
      updated.push(outcome.companyCnpj);
      if (outcome.published !== undefined) published.push(outcome.published);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { examined, updated, published, fewestDaysLeft, expiring };
}

/** One company: its record brought up to date and its notice published; undefined when nothing was due. */
async function checkCompany(deps: ExpiryDeps, item: Record<string, unknown>, now: Date): Promise<{ companyCnpj: string; published?: PublishedNotice } | undefined> {
  let current = item;
  for (let attempt = 0; attempt < 3; attempt++) {
    const cnpj = String(current.cnpj);
    const parsed = CompanyCertificateSchema.safeParse(current.certificate);
    if (!parsed.success || typeof current.version !== 'number') {
      logger.warn('company certificate skipped: it does not match the CompanyCertificate contract', { companyCnpj: cnpj });
      return undefined;
    }
    const due = dueAt(parsed.data, now);
    if (due.status === parsed.data.status && due.event === undefined) return undefined;
    const version = current.version + 1;
    try {
      await writeDue(deps, cnpj, current.version, version, due, now);
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Someone wrote the company in between (its fields, a new certificate, another check): read it again.
      const reread = (await deps.ddb.send(new GetCommand({ TableName: deps.companiesTable, Key: { cnpj }, ConsistentRead: true }))).Item;
      if (reread?.certificate === undefined) return undefined;
      current = reread;
      continue;
    }
    if (due.event === undefined) return { companyCnpj: cnpj };
    try {
      await publish(deps, cnpj, parsed.data, due.event);
    } catch (error) {
      await giveBack(deps, cnpj, version, parsed.data.notices).catch((release: unknown) => logger.error('could not give a certificate notice back', { companyCnpj: cnpj, error: release instanceof Error ? release : String(release) }));
      throw error;
    }
    const notice: PublishedNotice = { companyCnpj: cnpj, detailType: due.event.type, ...(due.event.thresholdDays !== undefined ? { thresholdDays: due.event.thresholdDays } : {}) };
    logger.info('certificate notice published', { ...notice });
    return { companyCnpj: cnpj, published: notice };
  }
  return undefined;
}

async function writeDue(deps: ExpiryDeps, cnpj: string, readVersion: number, version: number, due: Due, now: Date): Promise<void> {
  await deps.ddb.send(
    new UpdateCommand({
      TableName: deps.companiesTable,
      Key: { cnpj },
      UpdateExpression: 'SET certificate.#status = :status, certificate.notices = :notices, version = :version, updatedAt = :now, updatedBy = :by',
      ConditionExpression: 'version = :read',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': due.status, ':notices': due.notices, ':version': version, ':read': readVersion, ':now': now.toISOString(), ':by': EXPIRY_CHECK_PRINCIPAL },
    }),
  );
}

/** Undoes a claim whose event could not be published, unless the record moved on meanwhile. */
async function giveBack(deps: ExpiryDeps, cnpj: string, claimedVersion: number, notices: CertificateNotices): Promise<void> {
  try {
    await deps.ddb.send(
      new UpdateCommand({
        TableName: deps.companiesTable,
        Key: { cnpj },
        UpdateExpression: 'SET certificate.notices = :notices',
        ConditionExpression: 'version = :claimed',
        ExpressionAttributeValues: { ':notices': notices, ':claimed': claimedVersion },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

async function publish(deps: ExpiryDeps, cnpj: string, certificate: CompanyCertificate, event: NonNullable<Due['event']>): Promise<void> {
  const { serialNumber, fingerprintSha256, notAfter } = certificate.metadata;
  const common = { companyCnpj: cnpj, serialNumber, fingerprintSha256, notAfter };
  const detail =
    event.type === CERTIFICATE_EVENT_TYPES.Expired
      ? CERTIFICATE_EVENT_DETAIL_SCHEMAS[event.type].parse(common)
      : CERTIFICATE_EVENT_DETAIL_SCHEMAS[event.type].parse({ ...common, thresholdDays: event.thresholdDays, daysLeft: event.daysLeft });
  const answer = await deps.events.send(new PutEventsCommand({ Entries: [{ EventBusName: deps.eventBusName, Source: CERTIFICATE_EVENT_SOURCE, DetailType: event.type, Detail: JSON.stringify(detail) }] }));
  // PutEvents answers 200 with the entries it could not take.
  if ((answer.FailedEntryCount ?? 0) > 0) throw new Error(`EventBridge refused ${event.type} for ${cnpj}: ${answer.Entries?.[0]?.ErrorCode ?? '?'} ${answer.Entries?.[0]?.ErrorMessage ?? ''}`);
}
