import { lazy, Suspense, useEffect, type ReactElement } from 'react';
import type { CallerView } from '../../../contracts/tenantGrant';
import { api, consoleConfig } from '../api/apiClient';
import { signOut, useSession } from '../auth/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { InvoiceDetailPage } from '../pages/InvoiceDetailPage';
import { InvoicesPage } from '../pages/InvoicesPage';
import { ExecutionsPage } from '../pages/ExecutionsPage';
import { FailuresPage } from '../pages/FailuresPage';
import { MunicipalitiesPage } from '../pages/MunicipalitiesPage';
import { OrderDetailPage } from '../pages/OrderDetailPage';
import { OrdersPage } from '../pages/OrdersPage';
import { ApiKeysPage } from '../pages/ApiKeysPage';
import { BillingPage } from '../pages/BillingPage';
import { BillingRunPage } from '../pages/BillingRunPage';
import { WebhookDetailPage } from '../pages/WebhookDetailPage';
import { WebhooksPage } from '../pages/WebhooksPage';
import { MunicipalityDetailPage } from '../pages/MunicipalityDetailPage';
import { ReportsPage } from '../pages/ReportsPage';
import { SignInPage } from '../pages/SignInPage';
import { CallbackPage } from '../pages/CallbackPage';
import { CallerContext } from './CallerContext';
import { Link, navigate, useLocation } from './router';
import { useApi } from './useApi';

// The execution view carries the graph (and loads the layout engine): its own chunk.
const ExecutionDetailPage = lazy(async () => ({ default: (await import('../pages/ExecutionDetailPage')).ExecutionDetailPage }));
// The companies pages carry the company contracts' validators (the form's choices): a chunk of their own too.
const CompaniesPage = lazy(async () => ({ default: (await import('../pages/CompaniesPage')).CompaniesPage }));
const CompanyDetailPage = lazy(async () => ({ default: (await import('../pages/CompanyDetailPage')).CompanyDetailPage }));

function NavLink(props: { readonly to: string; readonly label: string; readonly pathname: string }): ReactElement {
  const current = props.pathname === props.to || props.pathname.startsWith(`${props.to}/`);
  return (
    <Link to={props.to} className={current ? 'nav-link nav-current' : 'nav-link'} aria-current={current ? 'page' : undefined}>
      {props.label}
    </Link>
  );
}

/** Billing runs are the ops' and admins' (the `/billing/runs` routes refuse every other role). */
function mayBill(caller: CallerView): boolean {
  return caller.role === 'ops' || caller.role === 'admin';
}

function Routes(props: { readonly pathname: string; readonly caller: CallerView }): ReactElement {
  const { pathname, caller } = props;
  let match: RegExpExecArray | null;
  if ((match = /^\/invoices\/([^/]+)$/.exec(pathname)) !== null) return <InvoiceDetailPage invoiceId={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/executions') return <ExecutionsPage />;
  if ((match = /^\/executions\/([^/]+)$/.exec(pathname)) !== null) return <ExecutionDetailPage executionArn={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/failures' && caller.role === 'ops') return <FailuresPage />;
  if (pathname === '/companies') return <CompaniesPage />;
  if ((match = /^\/companies\/([^/]+)$/.exec(pathname)) !== null) return <CompanyDetailPage cnpj={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/municipalities') return <MunicipalitiesPage />;
  if (pathname === '/reports') return <ReportsPage />;
  if (pathname === '/api-keys') return <ApiKeysPage />;
  if ((match = /^\/municipalities\/([^/]+)$/.exec(pathname)) !== null) return <MunicipalityDetailPage code={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/orders') return <OrdersPage />;
  if ((match = /^\/orders\/([^/]+)$/.exec(pathname)) !== null) return <OrderDetailPage orderId={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/billing' && mayBill(caller)) return <BillingPage />;
  if ((match = /^\/billing\/runs\/([^/]+)$/.exec(pathname)) !== null && mayBill(caller)) return <BillingRunPage runId={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/webhooks') return <WebhooksPage />;
  if ((match = /^\/webhooks\/([^/]+)$/.exec(pathname)) !== null) return <WebhookDetailPage endpointId={decodeURIComponent(match[1] ?? '')} />;
  if (pathname === '/' || pathname === '/invoices' || pathname === '/callback') return <InvoicesPage />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        Nothing here. <Link to="/invoices">Back to the invoices</Link>.
      </p>
    </section>
  );
}

/** The console: sign-in, then the invoices, executions, companies, municipalities, orders, billing and failures pages under one layout. */
export function App(): ReactElement {
  const session = useSession();
  const { pathname } = useLocation();
  const me = useApi(`me:${session?.token ?? ''}`, async () => (session === undefined ? undefined : api<CallerView>('GET', '/me')));
  const { stage, auth } = consoleConfig();

  useEffect(() => {
    if (session !== undefined && pathname === '/callback') navigate('/', { replace: true });
  }, [session, pathname]);

  // Once signed in and idle, start the layout worker: ELK compiles on its first layout, and the
  // first execution opened then draws without paying for it. Still off the initial bundle.
  const signedIn = session !== undefined;
  useEffect(() => {
    if (!signedIn) return undefined;
    const handle = window.requestIdleCallback(() => void import('../graph/layoutClient').then((m) => m.warmLayoutWorker()), { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }, [signedIn]);

  if (session === undefined) return pathname === '/callback' && auth.kind === 'cognito' ? <CallbackPage /> : <SignInPage />;
  const caller = me.data;
  return (
    <CallerContext.Provider value={caller}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/invoices" className="brand">
          nfse-flow <span className="stage">{stage}</span>
        </Link>
        <nav aria-label="Main" className="nav">
          <NavLink to="/invoices" label="Invoices" pathname={pathname} />
          <NavLink to="/executions" label="Executions" pathname={pathname} />
          <NavLink to="/reports" label="Reports" pathname={pathname} />
          <NavLink to="/companies" label="Companies" pathname={pathname} />
          <NavLink to="/municipalities" label="Municipalities" pathname={pathname} />
          <NavLink to="/api-keys" label="API keys" pathname={pathname} />
          <NavLink to="/webhooks" label="Webhooks" pathname={pathname} />
          <NavLink to="/orders" label="Orders" pathname={pathname} />
          {caller !== undefined && mayBill(caller) && <NavLink to="/billing" label="Billing" pathname={pathname} />}
          {caller?.role === 'ops' && <NavLink to="/failures" label="Failures" pathname={pathname} />}
        </nav>
        <div className="who">
          <span className="who-name" title={session.principal}>
            {session.principal}
          </span>
          <span className="badge badge-info" data-testid="role">
            {caller?.role ?? session.role}
          </span>
          <button
            type="button"
            className="button"
            onClick={() => {
              const url = session.signOutUrl;
              signOut();
              navigate('/');
              if (url !== undefined) window.location.assign(url);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        <ErrorBanner error={me.error} onRetry={me.reload} />
        {caller === undefined ? (
          <p className="muted">Loading…</p>
        ) : (
          <Suspense fallback={<p className="muted">Loading…</p>}>
            <Routes pathname={pathname} caller={caller} />
          </Suspense>
        )}
      </main>
    </CallerContext.Provider>
  );
}
