import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, post } from './api.js';
import { clearLive, useLive } from './live-store.js';
import { Badge, Empty, ErrorBox, Notice, short, time, useAction, useLoad } from './ui.js';

function Stats({ live }) {
  const t = live.totals;
  const stat = (label, n, cls = '') =>
    html`<div class="stat ${cls}">
      <div class="n">${n.toLocaleString()}</div>
      <div class="l">${label}</div>
    </div>`;
  return html`<div class="stats">
    ${stat('Events / s', live.rate)} ${stat('Events', t.events)} ${stat('Delivered', t.delivered)}
    ${stat('Retrying / pending', (t.retrying || 0) + (t.pending || 0))} ${stat('Discarded', t.discarded)}
  </div>`;
}

function BulkResend({ webhooks }) {
  const [filter, setFilter] = useState({ status: 'discarded', webhookId: '', max: 100 });
  const action = useAction();
  const send = () =>
    action.run(
      () => post('/api/deliveries/resend', { status: filter.status, max: Number(filter.max), ...(filter.webhookId ? { webhookId: filter.webhookId } : {}) }),
      (r) => `Matched ${r.Matched}, resent ${r.Resent}${r.Failed ? `, ${r.Failed} could not be resent` : ''}`,
    );
  const reset = () => {
    if (!confirm('Remove all events, deliveries, attempts and scenario runs? Webhooks and the organisation stay.')) return;
    action.run(() => post('/api/reset'), 'Reset: events, deliveries, attempts and scenario runs removed').then(clearLive);
  };
  return html`<div class="panel">
    <h2>Resend and reset</h2>
    <${Notice} text=${action.notice} /><${ErrorBox} error=${action.error} />
    <div class="toolbar">
      <label
        ><span>Status</span
        ><select value=${filter.status} onChange=${(e) => setFilter({ ...filter, status: e.target.value })}>
          ${['discarded', 'retrying', 'pending', 'delivered'].map((s) => html`<option value=${s}>${s}</option>`)}
        </select></label
      >
      <label
        ><span>Webhook</span
        ><select value=${filter.webhookId} onChange=${(e) => setFilter({ ...filter, webhookId: e.target.value })}>
          <option value="">all webhooks</option>
          ${webhooks.map((w) => html`<option value=${w.Id}>${w.Webhook.Endpoint}</option>`)}
        </select></label
      >
      <label
        ><span>At most</span
        ><input type="number" min="1" max="1000" value=${filter.max} onInput=${(e) => setFilter({ ...filter, max: e.target.value })} style="width:90px"
      /></label>
      <button class="primary" disabled=${action.busy} onClick=${send}>Resend matching</button>
      <button class="danger" disabled=${action.busy} onClick=${reset}>Reset data…</button>
    </div>
  </div>`;
}

export function LivePage() {
  const live = useLive();
  const hooks = useLoad(() => get('/api/webhooks'), []);
  const webhooks = hooks.data || [];
  const endpoint = (id) => webhooks.find((w) => w.Id === id)?.Webhook.Endpoint ?? short(id);
  return html`<div>
    <h1>Live <span class="muted subtitle">counts since this page opened</span></h1>
    <${Stats} live=${live} />
    <div class="grid-live">
      <div class="panel">
        <h2>Events <span class="muted">newest first</span></h2>
        <div class="scroll">
          ${
            live.events.length === 0
              ? html`<${Empty}>No events yet. Send one from the <a href="#/catalog">catalog</a> or place a call in the <a href="#/simulation">simulation</a>.</${Empty}>`
              : html`<table id="live-events" class="nowrap">
                  <thead>
                    <tr>
                      <th>Time</th>
                      <th>Event type</th>
                      <th>Source</th>
                      <th>Id</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${live.events.map(
                      (e) =>
                        html`<tr class="click" key=${e.Id} onClick=${() => (location.hash = `#/events/${e.Id}`)}>
                          <td class="mono">${time(e.CreatedAt)}</td>
                          <td>${e.EventType}</td>
                          <td class="muted">${e.Source}</td>
                          <td class="mono">${short(e.Id)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </div>
      </div>
      <div class="panel">
        <h2>Deliveries</h2>
        <div class="scroll">
          ${
            live.deliveries.length === 0
              ? html`<${Empty}>No deliveries yet: an event is delivered to every active webhook subscribed to its type.</${Empty}>`
              : html`<table id="live-deliveries" class="nowrap">
                  <thead>
                    <tr>
                      <th>Time</th>
                      <th>Event type</th>
                      <th>Status</th>
                      <th class="num">Attempts</th>
                      <th>Last</th>
                      <th>Webhook</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${live.deliveries.map(
                      (d) =>
                        html`<tr
                          class="click"
                          key=${d.Id}
                          data-event-id=${d.EventId}
                          data-status=${d.Status}
                          onClick=${() => (location.hash = `#/deliveries/${d.Id}`)}
                        >
                          <td class="mono">${time(d.CreatedAt)}</td>
                          <td>${d.EventType}</td>
                          <td><${Badge} value=${d.Status} /></td>
                          <td class="num">${d.Attempts}</td>
                          <td class="muted">${d.LastOutcome ? `${d.LastOutcome}${d.LastStatusCode ? ` ${d.LastStatusCode}` : ''}` : ''}</td>
                          <td class="muted mono ellipsis" title=${endpoint(d.WebhookId)}>${endpoint(d.WebhookId).replace(/^https:\/\//, '')}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>`
          }
        </div>
      </div>
    </div>
    <div style="margin-top:16px"><${BulkResend} webhooks=${webhooks} /></div>
  </div>`;
}
