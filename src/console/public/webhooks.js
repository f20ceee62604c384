import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { del, get, patch, post } from './api.js';
import { Badge, Empty, ErrorBox, Notice, useAction, useLoad } from './ui.js';

const blank = {
  Platform: 'enreach',
  Endpoint: 'https://127.0.0.1:8443/webhook',
  Secret: '',
  InsecureSSL: true,
  All: true,
  Types: [],
  LandisEvents: ['App.TestWebhook'],
};

const eventsOf = (w) => (w.Platform === 'landis' ? w.Webhook.WebhookEvents : w.Subscriptions);

function CreateForm({ types, landisTypes, onDone }) {
  const [form, setForm] = useState(blank);
  const action = useAction();
  const set = (k) => (e) => setForm({ ...form, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value });
  const submit = async (e) => {
    e.preventDefault();
    const Webhook = { Endpoint: form.Endpoint, InsecureSSL: form.InsecureSSL, ...(form.Secret ? { Secret: form.Secret } : {}) };
    let created;
    if (form.Platform === 'landis') {
      // A secret the emulator makes is in this answer only, as the platform shows it once.
      created = await action.run(
        () => post('/api/webhooks', { Platform: 'landis', Webhook: { ...Webhook, WebhookEvents: form.LandisEvents } }),
        (w) => `Created: ${w.Webhook.Endpoint} (Landis)${w.Secret ? `; its secret, shown once: ${w.Secret}` : ''}`,
      );
    } else {
      const Subscriptions = form.All ? [{ AllEventTypes: true, AllEntities: true }] : form.Types.map((t) => ({ EventType: t, AllEntities: true }));
      created = await action.run(
        () => post('/api/webhooks', { Webhook, Subscriptions }),
        (w) => `Created: ${w.Webhook.Endpoint} with ${w.Subscriptions.length} subscriptions`,
      );
    }
    if (created) onDone();
  };
  const landis = form.Platform === 'landis';
  return html`<form class="panel stack" id="create-webhook" onSubmit=${submit}>
    <h2>New webhook</h2>
    <${Notice} text=${action.notice} /><${ErrorBox} error=${action.error} />
    <label
      ><span>Platform</span
      ><select name="platform" value=${form.Platform} onChange=${set('Platform')}>
        <option value="enreach">Enreach Voice</option>
        <option value="landis">Landis Contact Center (ASP.NET Boilerplate)</option>
      </select></label
    >
    <label
      ><span>Endpoint (https, port 443 unless ALLOW_ANY_ENDPOINT_PORT)</span
      ><input type="text" name="endpoint" value=${form.Endpoint} onInput=${set('Endpoint')}
    /></label>
    <label
      ><span
        >${landis ? 'Secret (signs abp-webhook-signature; empty: the emulator makes one and shows it once)' : 'Secret (sent as X-Benemen-Token; never shown again)'}</span
      ><input type="password" name="secret" value=${form.Secret} onInput=${set('Secret')}
    /></label>
    <label class="check"
      ><input type="checkbox" name="insecure" checked=${form.InsecureSSL} onChange=${set('InsecureSSL')} /><span
        >InsecureSSL (accept a self-signed certificate)</span
      ></label
    >
    ${
      landis &&
      html`<label
        ><span>Webhook events</span>
        <select multiple size="3" name="landis-events" onChange=${(e) => setForm({ ...form, LandisEvents: [...e.target.selectedOptions].map((o) => o.value) })}>
          ${landisTypes.map((t) => html`<option value=${t} selected=${form.LandisEvents.includes(t)}>${t}</option>`)}
        </select></label
      >`
    }
    ${!landis && html`<label class="check"><input type="checkbox" name="all-types" checked=${form.All} onChange=${set('All')} /><span>All event types (emulator extension: one subscription per type)</span></label>`}
    ${
      !landis &&
      !form.All &&
      html`<label
        ><span>Event types (Ctrl/Cmd-click for several)</span>
        <select multiple size="8" onChange=${(e) => setForm({ ...form, Types: [...e.target.selectedOptions].map((o) => o.value) })}>
          ${types.map((t) => html`<option value=${t}>${t}</option>`)}
        </select></label
      >`
    }
    <button class="primary" type="submit" disabled=${action.busy}>Create webhook</button>
  </form>`;
}

function EditRow({ w, onDone }) {
  const [form, setForm] = useState({
    Endpoint: w.Webhook.Endpoint,
    Secret: '',
    RetrySchedule: Array.isArray(w.Webhook.RetrySchedule) ? w.Webhook.RetrySchedule.map((ms) => `${ms}ms`).join(',') : '',
  });
  const action = useAction();
  const save = async () => {
    // A Landis webhook retries as ABP does: it has no retry schedule to send.
    const schedule = w.Platform === 'landis' ? {} : { RetrySchedule: form.RetrySchedule.trim() ? form.RetrySchedule.trim() : null };
    const body = { Endpoint: form.Endpoint, ...schedule, ...(form.Secret ? { Secret: form.Secret } : {}) };
    if (await action.run(() => patch(`/api/webhooks/${w.Id}`, body))) onDone();
  };
  return html`<tr>
    <td colspan="7">
      <${ErrorBox} error=${action.error} />
      <div class="form-grid">
        <label><span>Endpoint</span><input type="text" value=${form.Endpoint} onInput=${(e) => setForm({ ...form, Endpoint: e.target.value })} /></label>
        <label
          ><span>New secret (empty: keep)</span><input type="password" value=${form.Secret} onInput=${(e) => setForm({ ...form, Secret: e.target.value })}
        /></label>
        ${w.Platform !== 'landis' && html`<label><span>Retry schedule (empty: the configured one)</span><input type="text" placeholder="1s,5s,30s" value=${form.RetrySchedule} onInput=${(e) => setForm({ ...form, RetrySchedule: e.target.value })} /></label>`}
      </div>
      <div class="actions">
        <button class="primary small" onClick=${save} disabled=${action.busy}>Save</button><button class="small" onClick=${onDone}>Cancel</button>
      </div>
    </td>
  </tr>`;
}

function WebhookRow({ w, onChange }) {
  const [editing, setEditing] = useState(false);
  const action = useAction();
  const f = w.Deliveries || {};
  const toggle = () => action.run(() => patch(`/api/webhooks/${w.Id}`, { IsActive: !w.Webhook.IsActive })).then(onChange);
  const test = () =>
    action
      .run(
        () => post(`/api/webhooks/${w.Id}/test`, {}),
        (r) => `Test event sent: delivery ${r.DeliveryId.slice(0, 8)}`,
      )
      .then(onChange);
  const remove = () => confirm(`Delete ${w.Webhook.Endpoint}?`) && action.run(() => del(`/api/webhooks/${w.Id}`)).then(onChange);
  return html` <tr>
      <td>${w.Platform === 'landis' ? 'Landis' : 'Enreach'}</td>
      <td class="mono endpoint">
        ${w.Webhook.Endpoint}${w.Webhook.HasSecret ? html` <span class="badge" title=${w.Platform === 'landis' ? 'Requests are signed (abp-webhook-signature)' : 'X-Benemen-Token is sent'}>secret</span>` : ''}
        ${action.notice && html`<div class="muted">${action.notice}</div>`}${action.error && html`<div class="error">${action.error.message}</div>`}
      </td>
      <td><${Badge} value=${w.Webhook.IsActive ? 'on' : 'off'} /></td>
      <td class="num" title=${w.Platform === 'landis' ? w.Webhook.WebhookEvents.join(', ') : ''}>
        ${eventsOf(w).length === 34 ? 'all 34' : eventsOf(w).length}
      </td>
      <td class="num">${f.Delivered ?? 0} / ${f.Retrying ?? 0} / ${f.Pending ?? 0} / ${f.Discarded ?? 0}</td>
      <td class="muted last-error">${f.LastError ? `${f.LastError.Outcome}: ${f.LastError.Message ?? ''}` : '—'}</td>
      <td>
        <div class="actions">
          <button class="small" onClick=${test} disabled=${action.busy}>Test</button>
          <button class="small" onClick=${() => setEditing(!editing)}>Edit</button>
          <button class="small" onClick=${toggle} disabled=${action.busy}>${w.Webhook.IsActive ? 'Deactivate' : 'Activate'}</button>
          <button class="small danger" onClick=${remove} disabled=${action.busy}>Delete</button>
        </div>
      </td>
    </tr>
    ${
      editing &&
      html`<${EditRow}
        w=${w}
        onDone=${() => {
          setEditing(false);
          onChange();
        }}
      />`
    }`;
}

export function WebhooksPage() {
  const list = useLoad(
    async () => {
      const hooks = await get('/api/webhooks');
      return Promise.all(hooks.map((h) => get(`/api/webhooks/${h.Id}`)));
    },
    [],
    3000,
  );
  const types = useLoad(() => get('/api/event-types'), []);
  const landisTypes = useLoad(() => get('/api/landis/event-types'), []);
  const hooks = list.data || [];
  return html`<div>
    <h1>Webhooks</h1>
    <div class="row" style="align-items:stretch">
      <div style="flex:2;min-width:min(820px, 100%)" class="panel">
        <h2>Endpoints</h2>
        <${ErrorBox} error=${list.error} />
        ${
          hooks.length === 0
            ? html`<${Empty}>No webhook yet: create one to receive events.</${Empty}>`
            : html`<div class="table-wrap">
                <table id="webhooks">
                  <thead>
                    <tr>
                      <th>Platform</th>
                      <th>Endpoint</th>
                      <th>Active</th>
                      <th class="num">Types</th>
                      <th class="num wrap">Delivered / retrying / pending / discarded</th>
                      <th>Last error</th>
                      <th></th>
                    </tr>
                  </thead>
                  <tbody>
                    ${hooks.map((w) => html`<${WebhookRow} key=${w.Id} w=${w} onChange=${list.reload} />`)}
                  </tbody>
                </table>
              </div>`
        }
      </div>
      <div style="flex:1;min-width:320px">
        <${CreateForm} types=${(types.data || []).map((t) => t.Name)} landisTypes=${(landisTypes.data || []).map((t) => t.Name)} onDone=${list.reload} />
      </div>
    </div>
  </div>`;
}
