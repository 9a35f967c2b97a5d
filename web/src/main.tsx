import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ConsoleConfig } from '../../contracts/consoleConfig';
import { configureApi } from './api/apiClient';
import { App } from './app/App';
import './styles.css';

async function start(): Promise<void> {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (!response.ok) {
    root.render(<p className="banner banner-bad">The console cannot load /config.json ({response.status}).</p>);
    return;
  }
  configureApi((await response.json()) as ConsoleConfig);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

/** `/docs` is the API reference, loaded on its own: the console's code never loads it otherwise. */
function isApiReference(pathname: string): boolean {
  return pathname === '/docs' || pathname.startsWith('/docs/');
}

if (isApiReference(window.location.pathname)) {
  void import('./docs/mountApiReference').then(({ mountApiReference }) => mountApiReference(document.getElementById('root') as HTMLElement));
} else {
  void start();
}
