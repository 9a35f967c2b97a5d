import { useState, type ReactElement } from 'react';
import type { Company } from '../../../contracts/company';
import { api } from '../api/apiClient';
import { useCaller } from '../app/CallerContext';
import { formatCnpj, formatTime } from '../app/format';
import { Link } from '../app/router';
import { useApi } from '../app/useApi';
import { CertificateBadge } from '../companies/CertificateBadge';
import { CertificateUploadForm } from '../companies/CertificateUploadForm';
import { CompanyForm } from '../companies/CompanyForm';
import { ErrorBanner } from '../components/ErrorBanner';

function Field(props: { readonly label: string; readonly children: string | undefined }): ReactElement {
  return (
    <>
      <dt>{props.label}</dt>
      <dd>{props.children ?? '—'}</dd>
    </>
  );
}

function CompanyFields(props: { readonly company: Company }): ReactElement {
  const { company } = props;
  const { address, taxRegime, defaultService } = company;
  return (
    <div className="card">
      <h2>Company</h2>
      <dl className="fields" data-testid="company-fields">
        <Field label="CNPJ">{formatCnpj(company.cnpj)}</Field>
        <Field label="Razão social">{company.razaoSocial}</Field>
        <Field label="Nome fantasia">{company.nomeFantasia}</Field>
        <Field label="Inscrição municipal">{company.inscricaoMunicipal}</Field>
        <Field label="Municipality (IBGE)">{company.municipalityCode}</Field>
        <Field label="Address">{`${address.street}, ${address.number}${address.complement !== undefined ? ` ${address.complement}` : ''} — ${address.district}, ${address.municipalityCode}/${address.state}, CEP ${address.postalCode}`}</Field>
        <Field label="Tax regime">{`${taxRegime.simplesNacional}${taxRegime.simplesNacionalApuracao !== undefined ? ` (${taxRegime.simplesNacionalApuracao})` : ''}, special regime ${taxRegime.regimeEspecial}${taxRegime.incentivoFiscal ? ', fiscal incentive' : ''}`}</Field>
        <Field label="Default service">{defaultService !== undefined ? `${defaultService.code}, ISS ${defaultService.issRate}%${defaultService.description !== undefined ? ` — ${defaultService.description}` : ''}` : undefined}</Field>
        <Field label="Contact">{company.contactEmail}</Field>
        <Field label="Version">{`${company.version}, updated ${formatTime(company.updatedAt)} by ${company.updatedBy}`}</Field>
      </dl>
    </div>
  );
}

function CertificateFields(props: { readonly company: Company }): ReactElement {
  const { certificate } = props.company;
  return (
    <div className="card">
      <h2>A1 certificate</h2>
      {certificate === undefined ? (
        <p className="muted">No certificate uploaded yet: this company cannot sign.</p>
      ) : (
        <dl className="fields" data-testid="certificate-fields">
          <dt>Status</dt>
          <dd>
            <CertificateBadge certificate={certificate} />
          </dd>
          <Field label="Valid until">{formatTime(certificate.metadata.notAfter)}</Field>
          <Field label="Valid from">{formatTime(certificate.metadata.notBefore)}</Field>
          <Field label="Subject">{certificate.metadata.subject}</Field>
          <Field label="Issuer">{certificate.metadata.issuer}</Field>
          <Field label="Serial number">{certificate.metadata.serialNumber}</Field>
          <Field label="SHA-256">{certificate.metadata.fingerprintSha256}</Field>
          <Field label="Uploaded">{`${formatTime(certificate.uploadedAt)} by ${certificate.uploadedBy}`}</Field>
        </dl>
      )}
    </div>
  );
}

/**
 * `/companies/{cnpj}`: the company and its certificate. Admins and ops also edit it (a 412 says
 * someone else saved first) and upload its certificate; everyone else reads.
 */
export function CompanyDetailPage(props: { readonly cnpj: string }): ReactElement {
  const caller = useCaller();
  const company = useApi(`company:${props.cnpj}`, () => api<Company>('GET', `/companies/${encodeURIComponent(props.cnpj)}`));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const canManage = caller.role === 'admin' || caller.role === 'ops';
  const data = company.data;
  if (data === undefined) {
    return (
      <section>
        <h1>Company {formatCnpj(props.cnpj)}</h1>
        <ErrorBanner error={company.error} onRetry={company.reload} />
        {company.error === undefined && <p className="muted">Loading…</p>}
      </section>
    );
  }
  return (
    <section>
      <p className="crumbs">
        <Link to="/companies">Companies</Link> / <span className="mono">{formatCnpj(data.cnpj)}</span>
      </p>
      <div className="title-row">
        <h1>{data.razaoSocial}</h1>
        <CertificateBadge certificate={data.certificate} />
        {canManage && !editing && (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit
          </button>
        )}
      </div>
      {notice !== undefined && (
        <div className="banner banner-ok" role="status" data-testid="company-notice">
          {notice}
        </div>
      )}
      <ErrorBanner error={company.error} onRetry={company.reload} />
      {editing && (
        <CompanyForm
          // A new version read (after a conflict) starts the form over from it.
          key={data.version}
          company={data}
          onSaved={(saved) => {
            setEditing(false);
            setNotice(`Saved: version ${saved.version}.`);
            company.reload();
          }}
          onCancel={() => setEditing(false)}
          onReload={company.reload}
        />
      )}
      <div className="grid-2">
        <CompanyFields company={data} />
        <div>
          <CertificateFields company={data} />
          {canManage && (
            <CertificateUploadForm
              cnpj={data.cnpj}
              replacing={data.certificate !== undefined}
              onUploaded={(view) => {
                setNotice(`Certificate uploaded: ${view.status}, ${view.daysLeft} days left.`);
                company.reload();
              }}
            />
          )}
        </div>
      </div>
    </section>
  );
}
