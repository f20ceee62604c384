import { html } from 'htm/preact';
import { get, post } from './api.js';
import { Badge, dateTime, Empty, ErrorBox, Notice, short, time, useAction, useLoad } from './ui.js';

function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function HeadersTable({ headers }) {
  const entries = Object.entries(headers || {});
  if (!entries.length) return html`<span class="muted">none</span>`;
  return html`<table>
    <tbody>
      ${entries.map(
        ([k, v]) =>
          html`<tr>
            <td class="mono" style="width:40%">${k}</td>
            <td class="mono">${v}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function DeliveryPage({ id }) {
  const { data: d, error, reload } = useLoad(() => get(`/api/deliveries/${id}`), [id], 1000);
  const action = useAction();
  if (error && !d) return html`<${ErrorBox} error=${error} />`;
  if (!d) return html`<${Empty}>Loading…</${Empty}>`;
  const resend = () =>
    action
      .run(
        () => post(`/api/deliveries/${id}/resend`),
        (r) => `Resent: ${r.LastOutcome}${r.LastStatusCode ? ` ${r.LastStatusCode}` : ''}`,
      )
      .then(reload);
  return html`<div>
    <h1>Delivery <span class="mono">${short(d.Id)}</span> <${Badge} value=${d.Status} /></h1>
    <${Notice} text=${action.notice} /><${ErrorBox} error=${action.error} />
    <div class="grid2">
      <div class="panel">
        <h2>Delivery</h2>
        <dl class="kv">
          <dt>Event</dt>
          <dd>
            <a href="#/events/${d.EventId}">${d.EventType} · <span class="mono">${d.EventId}</span></a>
          </dd>
          <dt>Status</dt>
          <dd><${Badge} value=${d.Status} /> after ${d.Attempts} attempt(s)</dd>
          <dt>Last outcome</dt>
          <dd>${d.LastOutcome ?? '—'} ${d.LastStatusCode ?? ''} ${d.LastError ? html`<span class="muted">(${d.LastError})</span>` : ''}</dd>
          <dt>Next attempt</dt>
          <dd>${d.NextAttemptAt ? dateTime(d.NextAttemptAt) : '—'}</dd>
          <dt>Created</dt>
          <dd>${dateTime(d.CreatedAt)}</dd>
          <dt>Delivered</dt>
          <dd>${d.DeliveredAt ? dateTime(d.DeliveredAt) : '—'}</dd>
        </dl>
        <div class="actions" style="margin-top:12px"><button class="primary" id="resend" disabled=${action.busy} onClick=${resend}>Resend now</button></div>
      </div>
      <div class="panel">
        <h2>Request</h2>
        <dl class="kv">
          <dt>${d.Request.Method}</dt>
          <dd class="mono">${d.Request.Url ?? '(the webhook was deleted)'}</dd>
        </dl>
        <div style="margin-top:8px"><${HeadersTable} headers=${d.Request.Headers} /></div>
      </div>
    </div>
    <div class="panel" style="margin-top:16px">
      <h2>Body <span class="muted">exactly as sent</span></h2>
      <pre id="request-body" class="wrap">${d.Request.Body}</pre>
    </div>
    <div class="panel">
      <h2>Attempts</h2>
      ${
        d.AttemptLog.length === 0
          ? html`<${Empty}>No attempt yet.</${Empty}>`
          : html`<table id="attempts">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Trigger</th>
                  <th>Started</th>
                  <th class="num">ms</th>
                  <th>Outcome</th>
                  <th>Status</th>
                  <th>Error</th>
                  <th>Response</th>
                </tr>
              </thead>
              <tbody>
                ${d.AttemptLog.map(
                  (a) =>
                    html`<tr>
                      <td>${a.AttemptNumber}</td>
                      <td>${a.Trigger}</td>
                      <td class="mono">${time(a.StartedAt)}</td>
                      <td class="num">${Math.round(a.DurationMs)}</td>
                      <td><span class="badge ${a.Outcome === 'delivered' ? 'delivered' : 'discarded'}">${a.Outcome}</span></td>
                      <td>${a.StatusCode ?? ''}</td>
                      <td class="muted">${a.ErrorMessage ?? ''}</td>
                      <td class="mono muted">${a.ResponseBodyBytes ? `${a.ResponseBodyBytes} bytes: ${a.ResponseBodyExcerpt}` : ''}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>
  </div>`;
}

export function EventPage({ id }) {
  const { data: e, error } = useLoad(() => get(`/api/events/${id}`), [id], 2000);
  if (error && !e) return html`<${ErrorBox} error=${error} />`;
  if (!e) return html`<${Empty}>Loading…</${Empty}>`;
  return html`<div>
    <h1>${e.EventType} <span class="mono muted">${e.Id}</span></h1>
    <div class="grid2">
      <div class="panel">
        <h2>Payload</h2>
        <pre>${prettyJson(JSON.stringify(e.Payload))}</pre>
      </div>
      <div class="panel">
        <h2>Deliveries</h2>
        ${
          e.Deliveries.length === 0
            ? html`<${Empty}>No webhook was subscribed to this event.</${Empty}>`
            : html`<table>
                <thead>
                  <tr>
                    <th>Delivery</th>
                    <th>Status</th>
                    <th class="num">Attempts</th>
                    <th>Last</th>
                  </tr>
                </thead>
                <tbody>
                  ${e.Deliveries.map(
                    (d) =>
                      html`<tr class="click" onClick=${() => (location.hash = `#/deliveries/${d.Id}`)}>
                        <td class="mono">${short(d.Id)}</td>
                        <td><${Badge} value=${d.Status} /></td>
                        <td class="num">${d.Attempts}</td>
                        <td class="muted">${d.LastOutcome ?? ''} ${d.LastStatusCode ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </div>
    </div>
  </div>`;
}
