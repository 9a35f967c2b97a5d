import { useRef, type ReactElement, type MutableRefObject } from 'react';
import type { InvoiceView } from '../../../contracts/apiResponses';
import type { InvoiceHistory } from '../../../contracts/invoiceHistory';
import { IN_FLIGHT_STATUSES } from '../../../contracts/invoiceStatus';
import type { StartedExecution } from '../../../contracts/ops';
import { api } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { executionPath, formatCnpj, formatMoney, formatTime, providerLabel } from '../app/format';
import { Link, navigate } from '../app/router';
import { useApi } from '../app/useApi';
import { ConfirmButton } from '../components/ConfirmButton';
import { ErrorBanner } from '../components/ErrorBanner';
import { StatusBadge } from '../components/StatusBadge';
import { CancelButton } from '../invoices/CancelButton';

/** The roles `POST /invoices/{id}/cancel` takes (contracts/apiRoutes.ts). */
const CANCELLERS: ReadonlySet<string> = new Set(['client', 'admin', 'ops']);

function Field(props: { readonly label: string; readonly children: ReactElement | string | undefined }): ReactElement {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children ?? '—'}</dd>
    </>
  );
}

/** A status the page waits to see the invoice leave, until when. */
interface AwaitedChange {
  readonly status: string;
  readonly until: number;
}

/** A cancellation may be accepted before its workflow marks the invoice CANCELLING: this long, an ISSUED answer means "not yet". */
const AWAIT_CHANGE_MS = 60_000;

/** Whether the invoice still has to leave the awaited status (and the wait is not over); forgets the wait once it did. */
function stillAwaiting(awaited: MutableRefObject<AwaitedChange | undefined>, status: string): boolean {
  const wait = awaited.current;
  if (wait !== undefined && status === wait.status && Date.now() < wait.until) return true;
  awaited.current = undefined;
  return false;
}

/** `/invoices/{id}`: every field, the XML documents, the status timeline, the city's error, the executions. */
export function InvoiceDetailPage(props: { readonly invoiceId: string }): ReactElement {
  const caller = useCaller();
  // POST /cancel answers before the workflow marks the invoice CANCELLING: the page keeps polling an ISSUED answer until it moves.
  const awaited = useRef<AwaitedChange | undefined>(undefined);
  const invoice = useApi(`invoice:${props.invoiceId}`, () => api<InvoiceView>('GET', `/invoices/${encodeURIComponent(props.invoiceId)}?include=xmlUrl,pdfUrl`), {
    pollMs: 2000,
    keepPolling: (data) => IN_FLIGHT_STATUSES.has(data.status) || stillAwaiting(awaited, data.status),
  });
  const cancellationStarted = (): void => {
    awaited.current = { status: 'ISSUED', until: Date.now() + AWAIT_CHANGE_MS };
    invoice.reload();
  };
  const history = useApi(`history:${props.invoiceId}:${invoice.data?.status ?? ''}`, () => api<InvoiceHistory>('GET', `/invoices/${encodeURIComponent(props.invoiceId)}/history`));
  const data = invoice.data;
  if (data === undefined) {
    return (
      <section>
        <h1 className="mono">Invoice {props.invoiceId}</h1>
        <ErrorBanner error={invoice.error} onRetry={invoice.reload} />
        {invoice.error === undefined && <p className="muted">Loading…</p>}
      </section>
    );
  }
  return (
    <section>
      <p className="crumbs">
        <Link to="/invoices">Invoices</Link> / <span className="mono">{data.invoiceId}</span>
      </p>
      <div className="title-row">
        <h1>
          Invoice <span className="mono">{data.invoiceId}</span>
        </h1>
        <StatusBadge status={data.status} />
        {data.status === 'ISSUED' && CANCELLERS.has(caller.role) && <CancelButton invoiceId={data.invoiceId} municipalityCode={data.municipalityCode} onStarted={cancellationStarted} />}
        {caller.role === 'ops' && data.status === 'FAILED' && (
          <ConfirmButton
            label="Reprocess"
            title="Reprocess this invoice?"
            description="A new emission execution starts with the same RPS, so the city still recognises a resend and never issues twice."
            confirmLabel="Reprocess"
            onConfirm={async () => {
              const started = await api<StartedExecution>('POST', `/ops/invoices/${encodeURIComponent(data.invoiceId)}/reprocess`);
              navigate(executionPath(started.executionArn));
            }}
          />
        )}
      </div>
      {data.error !== undefined && (
        <div className="banner banner-bad" role="status" data-testid="invoice-error">
          {data.status === 'ISSUED' && data.cancellation !== undefined ? (
            <>
              <strong>The city refused the cancellation:</strong> {data.error.message} <span className="muted">(code {data.error.code})</span>
            </>
          ) : (
            <>
              <strong>{data.error.code}</strong> {data.error.message}
            </>
          )}
        </div>
      )}
      <div className="grid-2">
        <div className="card">
          <h2>Invoice</h2>
          <dl className="fields">
            <Field label="Company">{formatCnpj(data.companyCnpj)}</Field>
            <Field label="Municipality (IBGE)">{data.municipalityCode}</Field>
            <Field label="System">{providerLabel(data.provider)}</Field>
            <Field label="Total">{formatMoney(data.total)}</Field>
            <Field label="Competence">{data.competence}</Field>
            <Field label={data.provider === 'nacional' ? 'DPS (série / número)' : 'RPS'}>{`${data.rps.serie} / ${data.rps.numero}`}</Field>
            <Field label="NFS-e number">{data.nfseNumber}</Field>
            {data.chaveAcesso !== undefined ? (
              <Field label="NFS-e key (chave de acesso)">
                <span className="mono" data-testid="chave-acesso">
                  {data.chaveAcesso}
                </span>
              </Field>
            ) : (
              <></>
            )}
            <Field label="Verification code">{data.verificationCode}</Field>
            <Field label="City protocol">{data.providerProtocol}</Field>
            <Field label="Created">{formatTime(data.createdAt)}</Field>
            <Field label="Processed">{data.processedAt !== undefined ? formatTime(data.processedAt) : undefined}</Field>
            <Field label="Updated">{formatTime(data.updatedAt)}</Field>
          </dl>
        </div>
        <div className="card">
          <h2>Service and customer</h2>
          <dl className="fields">
            <Field label="Service">{data.service.description}</Field>
            <Field label="Service code">{data.service.code}</Field>
            <Field label="ISS rate">{String(data.service.issRate)}</Field>
            <Field label="Tomador">{data.tomador.name}</Field>
            <Field label="Tomador document">{data.tomador.document}</Field>
            <Field label="E-mail">{data.tomador.email}</Field>
            {data.cancellation !== undefined ? <Field label="Cancellation">{`code ${data.cancellation.reasonCode}${data.cancellation.reason !== undefined ? ` — ${data.cancellation.reason}` : ''}, asked ${formatTime(data.cancellation.requestedAt)}`}</Field> : <></>}
            {data.cancellation?.cancelledAt !== undefined ? <Field label="Cancelled">{formatTime(data.cancellation.cancelledAt)}</Field> : <></>}
            {data.substitutes !== undefined ? (
              <Field label="Substitutes">
                <Link to={`/invoices/${data.substitutes}`} className="mono">
                  {data.substitutes}
                </Link>
              </Field>
            ) : (
              <></>
            )}
            {data.substitutedBy !== undefined ? (
              <Field label="Substituted by">
                <Link to={`/invoices/${data.substitutedBy}`} className="mono">
                  {data.substitutedBy}
                </Link>
              </Field>
            ) : (
              <></>
            )}
            {data.substitution !== undefined ? (
              <Field label="Substitution">{`code ${data.substitution.reasonCode}${data.substitution.reason !== undefined ? ` — ${data.substitution.reason}` : ''}, asked ${formatTime(data.substitution.requestedAt)}${data.substitution.substitutedAt !== undefined ? `, done ${formatTime(data.substitution.substitutedAt)}` : ''}`}</Field>
            ) : (
              <></>
            )}
          </dl>
          <h3>Documents</h3>
          <ul className="links">
            {data.xmlUrl !== undefined && (
              <li>
                <a href={data.xmlUrl} download={`${data.invoiceId}-rps.xml`} rel="noopener">
                  {data.provider === 'nacional' ? 'DPS sent to the national system (XML)' : 'RPS sent to the city (XML)'}
                </a>
              </li>
            )}
            {data.nfseXmlUrl !== undefined ? (
              <li>
                <a href={data.nfseXmlUrl} download={`${data.invoiceId}-nfse.xml`} rel="noopener" data-testid="nfse-xml-link">
                  {data.provider === 'nacional' ? 'NFS-e issued by the national system (XML)' : 'NFS-e issued by the city (XML)'}
                </a>
              </li>
            ) : (
              <li className="muted">No NFS-e yet</li>
            )}
            {data.pdfUrl !== undefined && (
              <li>
                <a href={data.pdfUrl} download={`${data.invoiceId}-danfse.pdf`} rel="noopener" data-testid="danfse-link">
                  DANFSe (PDF)
                </a>
              </li>
            )}
          </ul>
        </div>
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>Status timeline</h2>
          <ErrorBanner error={history.error} onRetry={history.reload} />
          <ol className="timeline" data-testid="status-timeline">
            {(history.data?.statuses ?? []).map((change) => (
              <li key={`${change.at}-${change.status}-${change.state ?? ''}`}>
                <StatusBadge status={change.status} /> <time dateTime={change.at}>{formatTime(change.at)}</time>
                {change.state !== undefined && <span className="muted"> by {change.state}</span>}
              </li>
            ))}
          </ol>
        </div>
        <div className="card">
          <h2>Executions</h2>
          <ul className="links" data-testid="invoice-executions">
            {(history.data?.executions ?? []).map((execution) => (
              <li key={execution.executionArn}>
                <Link to={executionPath(execution.executionArn)} className="mono">
                  {execution.name}
                </Link>{' '}
                <span className="muted">{execution.workflow}</span> <StatusBadge status={execution.status} />
              </li>
            ))}
          </ul>
          {history.data !== undefined && history.data.executions.length === 0 && <p className="muted">No execution yet.</p>}
        </div>
      </div>
    </section>
  );
}
