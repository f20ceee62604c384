import { html, render } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';
import { adminKey, saveKey, setKeyPrompt } from './api.js';
import { CatalogPage } from './catalog.js';
import { DeliveryPage, EventPage } from './details.js';
import { LivePage } from './live.js';
import { startLive, useLive } from './live-store.js';
import { SimulationPage } from './simulation.js';
import { WebhooksPage } from './webhooks.js';

const useHash = () => {
  const [hash, setHash] = useState(location.hash || '#/live');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/live');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
};

function route(hash) {
  const [, page, arg] = hash.split('/');
  if (page === 'deliveries' && arg) return html`<${DeliveryPage} id=${arg} />`;
  if (page === 'events' && arg) return html`<${EventPage} id=${arg} />`;
  if (page === 'webhooks') return html`<${WebhooksPage} />`;
  if (page === 'catalog') return html`<${CatalogPage} name=${arg} />`;
  if (page === 'simulation') return html`<${SimulationPage} />`;
  return html`<${LivePage} />`;
}

function KeyPrompt({ onSaved }) {
  const [key, setKey] = useState(adminKey());
  const submit = (e) => {
    e.preventDefault();
    saveKey(key.trim());
    onSaved();
  };
  return html`<div class="modal">
    <form class="panel" onSubmit=${submit}>
      <h2>Admin API key</h2>
      <p class="muted">This emulator is started with ADMIN_API_KEY. Enter it once; this browser keeps it.</p>
      <label><span>Key</span><input type="password" name="admin-key" autofocus value=${key} onInput=${(e) => setKey(e.target.value)} /></label>
      <button class="primary" type="submit">Save</button>
    </form>
  </div>`;
}

function App() {
  const hash = useHash();
  const live = useLive();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    setKeyPrompt(() => setAsking(true));
    startLive();
  }, []);
  const page = hash.split('/')[1] || 'live';
  const link = (to, label) =>
    html`<a href="#/${to}" class=${page === to || (to === 'live' && ['deliveries', 'events'].includes(page)) ? 'active' : ''}>${label}</a>`;
  return html` <header class="top">
      <div class="brand">Enreach webhook emulator<small>console</small></div>
      <nav>${link('live', 'Live')} ${link('webhooks', 'Webhooks')} ${link('catalog', 'Event catalog')} ${link('simulation', 'Simulation')}</nav>
      <div class="status">
        <span class="dot ${live.connected ? 'on' : ''}"></span>${live.connected ? 'live' : 'connecting…'} · <a href="/docs" style="color:#9aa4b8">API docs</a>
      </div>
    </header>
    <main key=${hash}>${route(hash)}</main>
    ${asking && html`<${KeyPrompt} onSaved=${() => location.reload()} />`}`;
}

render(html`<${App} />`, document.getElementById('app'));
