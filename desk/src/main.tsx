import { render } from 'preact';
import { apiClient } from './api/client.ts';
import { App } from './app/app.tsx';
import { loadConfig } from './app/config.ts';
import { navigate } from './app/router.ts';
import { startAuth } from './auth/auth.ts';
import './app/desk.css';

const root = document.getElementById('app')!;

try {
  const config = await loadConfig();
  const { auth, returnTo } = await startAuth(config);
  if (returnTo) history.replaceState(null, '', returnTo);
  root.replaceChildren();
  render(<App auth={auth} api={apiClient(config, auth)} />, root);
  if (returnTo) navigate(returnTo);
} catch (error) {
  // Text only: the message may carry what a server answered.
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `The desk could not start: ${(error as Error).message}`;
  root.replaceChildren(message);
}
