import { useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { CertificateUpload, CertificateView } from '../../../contracts/certificate';
import { ApiError } from '../api/ApiError';
import { api } from '../api/apiClient';
import { ErrorBanner } from '../components/ErrorBanner';

/** The file's bytes in base64, as `pfxBase64` takes them (in slices: spreading a whole file into one call overflows the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Uploads a company's A1 certificate: the `.pfx` and its password go to the API once, which
 * checks them and keeps them in Secrets Manager; the password is cleared from the form whatever
 * the answer, and only the certificate's metadata ever comes back.
 */
export function CertificateUploadForm(props: { readonly cnpj: string; readonly replacing: boolean; readonly onUploaded: (view: CertificateView) => void }): ReactElement {
  const fileInput = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | undefined>(undefined);
  const fieldError = (field: keyof CertificateUpload): string | undefined => (error instanceof ApiError ? error.fields.find((f) => f.field === field)?.message : undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (file === undefined) {
      setError(new Error('Choose the .pfx file first.'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const upload: CertificateUpload = { pfxBase64: await base64Of(file), password };
      const view = await api<CertificateView>('PUT', `/companies/${encodeURIComponent(props.cnpj)}/certificate`, upload);
      if (fileInput.current !== null) fileInput.current.value = '';
      props.onUploaded(view);
    } catch (caught) {
      setError(caught instanceof Error ? caught : new Error(String(caught)));
    } finally {
      setPassword('');
      setBusy(false);
    }
  };

  const pfxError = fieldError('pfxBase64');
  const passwordError = fieldError('password');
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={`Upload the A1 certificate of ${props.cnpj}`}>
      <h2>{props.replacing ? 'Replace the certificate' : 'Upload a certificate'}</h2>
      <p className="muted">The A1 certificate (.pfx or .p12) with its private key. It must carry this company&apos;s CNPJ and be valid now.{props.replacing ? ' The current one is kept as the previous version.' : ''}</p>
      <ErrorBanner error={error} />
      <div className="field">
        <label htmlFor="certificate-file">Certificate file</label>
        <input id="certificate-file" ref={fileInput} type="file" accept=".pfx,.p12,application/x-pkcs12" {...(pfxError !== undefined ? { 'aria-invalid': true, 'aria-describedby': 'certificate-file-error' } : {})} />
        {pfxError !== undefined && (
          <span className="field-error" id="certificate-file-error">
            {pfxError}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor="certificate-password">Password</label>
        <input
          id="certificate-password"
          type="password"
          autoComplete="off"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          {...(passwordError !== undefined ? { 'aria-invalid': true, 'aria-describedby': 'certificate-password-error' } : {})}
        />
        {passwordError !== undefined && (
          <span className="field-error" id="certificate-password-error">
            {passwordError}
          </span>
        )}
      </div>
      <div>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Uploading…' : props.replacing ? 'Replace certificate' : 'Upload certificate'}
        </button>
      </div>
    </form>
  );
}
