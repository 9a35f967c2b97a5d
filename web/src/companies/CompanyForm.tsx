import { useState, type FormEvent, type ReactElement } from 'react';
import { REGIMES_ESPECIAIS, SIMPLES_NACIONAL, SIMPLES_NACIONAL_APURACAO, type Company } from '../../../contracts/company';
import { UfSchema } from '../../../contracts/fields';
import { ApiError } from '../api/ApiError';
import { api } from '../api/apiClient';
import { ErrorBanner } from '../components/ErrorBanner';
import { companyInputOf, formValuesOf, type CompanyFormField, type CompanyFormValues } from './companyFormValues';

interface FieldSpec {
  readonly name: CompanyFormField;
  readonly label: string;
  readonly options?: readonly string[];
  /** Options with an empty choice first (an optional field). */
  readonly optional?: boolean;
  readonly type?: 'email' | 'checkbox';
}

const GROUPS: ReadonlyArray<{ readonly legend: string; readonly fields: readonly FieldSpec[] }> = [
  {
    legend: 'Company',
    fields: [
      { name: 'razaoSocial', label: 'Razão social' },
      { name: 'nomeFantasia', label: 'Nome fantasia' },
      { name: 'inscricaoMunicipal', label: 'Inscrição municipal' },
      { name: 'municipalityCode', label: 'Municipality (IBGE)' },
      { name: 'contactEmail', label: 'Contact e-mail', type: 'email' },
    ],
  },
  {
    legend: 'Address',
    fields: [
      { name: 'address.street', label: 'Street' },
      { name: 'address.number', label: 'Number' },
      { name: 'address.complement', label: 'Complement' },
      { name: 'address.district', label: 'District' },
      { name: 'address.municipalityCode', label: 'Address municipality (IBGE)' },
      { name: 'address.state', label: 'State', options: UfSchema.options },
      { name: 'address.postalCode', label: 'CEP' },
    ],
  },
  {
    legend: 'Tax regime',
    fields: [
      { name: 'taxRegime.simplesNacional', label: 'Simples Nacional', options: SIMPLES_NACIONAL },
      { name: 'taxRegime.simplesNacionalApuracao', label: 'Simples Nacional apuração (ME/EPP)', options: SIMPLES_NACIONAL_APURACAO, optional: true },
      { name: 'taxRegime.regimeEspecial', label: 'Special regime', options: REGIMES_ESPECIAIS },
      { name: 'taxRegime.incentivoFiscal', label: 'Fiscal incentive', type: 'checkbox' },
    ],
  },
  {
    legend: 'Default service',
    fields: [
      { name: 'defaultService.code', label: 'LC 116 item' },
      { name: 'defaultService.municipalTaxCode', label: 'Municipal tax code' },
      { name: 'defaultService.nationalTaxCode', label: 'National tax code' },
      { name: 'defaultService.issRate', label: 'ISS rate (%)' },
      { name: 'defaultService.description', label: 'Description' },
    ],
  },
];

const inputId = (name: CompanyFormField): string => `company-${name.replace('.', '-')}`;

function Input(props: { readonly spec: FieldSpec; readonly values: CompanyFormValues; readonly error: string | undefined; readonly onChange: (name: CompanyFormField, value: string) => void }): ReactElement {
  const { spec, values, error } = props;
  const id = inputId(spec.name);
  const described = error !== undefined ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};
  let control: ReactElement;
  if (spec.type === 'checkbox') {
    control = <input id={id} type="checkbox" checked={values[spec.name] === 'true'} onChange={(e) => props.onChange(spec.name, String(e.target.checked))} {...described} />;
  } else if (spec.options !== undefined) {
    control = (
      <select id={id} value={values[spec.name]} onChange={(e) => props.onChange(spec.name, e.target.value)} {...described}>
        {spec.optional === true && <option value="">—</option>}
        {spec.options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  } else {
    control = <input id={id} type={spec.type ?? 'text'} value={values[spec.name]} onChange={(e) => props.onChange(spec.name, e.target.value)} {...described} />;
  }
  return (
    <div className={spec.type === 'checkbox' ? 'field field-checkbox' : 'field'}>
      <label htmlFor={id}>{spec.label}</label>
      {control}
      {error !== undefined && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Edits a company's fields and saves them with `PUT`, conditional on the version it was read at
 * (`If-Match`): when someone saved in between, the API answers 412 and the form says so instead
 * of writing over their change.
 */
export function CompanyForm(props: { readonly company: Company; readonly onSaved: (company: Company) => void; readonly onCancel: () => void; readonly onReload: () => void }): ReactElement {
  const { company } = props;
  const [values, setValues] = useState<CompanyFormValues>(() => formValuesOf(company));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const conflict = error instanceof ApiError && error.status === 412;
  const fieldErrors = new Map(error instanceof ApiError ? error.fields.map((f) => [f.field, f.message] as const) : []);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      props.onSaved(await api<Company>('PUT', `/companies/${encodeURIComponent(company.cnpj)}`, companyInputOf(values, company), { 'If-Match': `"${company.version}"` }));
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card company-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Edit company ${company.cnpj}`}>
      <h2>Edit company</h2>
      {conflict ? (
        <div className="banner banner-bad" role="alert" data-testid="edit-conflict">
          <strong>Someone else changed this company</strong> while you were editing it (you started from version {company.version}). Your changes are not saved.{' '}
          <button type="button" className="button-link" onClick={props.onReload}>
            Load their version
          </button>{' '}
          and make your changes again.
        </div>
      ) : (
        <ErrorBanner error={error} />
      )}
      {GROUPS.map((group) => (
        <fieldset key={group.legend} className="form-grid">
          <legend>{group.legend}</legend>
          {group.fields.map((spec) => (
            <Input key={spec.name} spec={spec} values={values} error={fieldErrors.get(spec.name)} onChange={(name, value) => setValues({ ...values, [name]: value })} />
          ))}
        </fieldset>
      ))}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={props.onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || conflict}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}
