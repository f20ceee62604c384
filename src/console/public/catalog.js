import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, post } from './api.js';
import { Empty, ErrorBox, short, useAction, useLoad } from './ui.js';

/** A form value as the API expects it: numbers, booleans and lists typed, the rest as text. */
function typed(type, raw) {
  if (/^(int|long|short|double|decimal|float|number)/i.test(type)) return Number(raw);
  if (/^bool/i.test(type)) return raw === 'true';
  if (/^(list|array)|\[\]$/i.test(type)) return JSON.parse(raw);
  return raw;
}

const choices = (p) => p.AllowedValues ?? (/^bool/i.test(p.Type) ? ['true', 'false'] : null);

export function CatalogPage({ name }) {
  const types = useLoad(() => get('/api/event-types'), []);
  const list = types.data || [];
  const current = list.find((t) => t.Name === name) || list[0];
  return html`<div>
    <h1>Event catalog <span class="muted">${list.length} event types</span></h1>
    <${ErrorBox} error=${types.error} />
    <div class="catalog">
      <div class="panel typelist">
        ${list.map((t) => html`<a href="#/catalog/${t.Name}" class=${current && t.Name === current.Name ? 'active' : ''}>${t.Name}<small>${t.EntityType}</small></a>`)}
      </div>
      <div>
        ${
          !current
            ? html`<${Empty}>Loading…</${Empty}>`
            : html`<div class="panel">
                  <h2>${current.Name} <span class="muted">· ${current.EntityType} event</span></h2>
                  <p>${current.Description}</p>
                  <table>
                    <thead>
                      <tr>
                        <th>Property</th>
                        <th>Type</th>
                        <th>Description</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${current.Properties.map(
                        (p) =>
                          html`<tr>
                            <td class="mono">${p.Name}</td>
                            <td class="mono muted">${p.Type}</td>
                            <td>${p.Description}${p.AllowedValues ? html`<div class="muted">One of: ${p.AllowedValues.join(', ')}</div>` : ''}</td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                <${SendEvent} key=${current.Name} def=${current} />`
        }
      </div>
    </div>
  </div>`;
}

function SendEvent({ def }) {
  const [values, setValues] = useState({});
  const [sent, setSent] = useState(null);
  const action = useAction();
  const send = async (e) => {
    e.preventDefault();
    const body = { EventType: def.Name };
    for (const [name, raw] of Object.entries(values)) {
      if (raw === '') continue;
      try {
        body[name] = typed(def.Properties.find((p) => p.Name === name)?.Type ?? '', raw);
      } catch {
        body[name] = raw;
      }
    }
    const result = await action.run(() => post('/api/events', body));
    if (result) setSent(result);
  };
  return html`<form class="panel" id="send-event" onSubmit=${send}>
    <h2>Send this event</h2>
    <p class="muted" style="margin-top:0">Leave a field empty and the emulator fills it realistically; what you give is validated.</p>
    <div class="form-grid">
      ${def.Properties.map(
        (p) =>
          html`<label
            ><span>${p.Name}</span>
            ${
              choices(p)
                ? html`<select name=${p.Name} value=${values[p.Name] ?? ''} onChange=${(e) => setValues({ ...values, [p.Name]: e.target.value })}>
                    <option value="">(filled)</option>
                    ${choices(p).map((v) => html`<option value=${v}>${v}</option>`)}
                  </select>`
                : html`<input
                    type="text"
                    name=${p.Name}
                    placeholder=${p.Type}
                    value=${values[p.Name] ?? ''}
                    onInput=${(e) => setValues({ ...values, [p.Name]: e.target.value })}
                  />`
            }
          </label>`,
      )}
    </div>
    <button class="primary" type="submit" disabled=${action.busy}>Send ${def.Name}</button>
    <div style="margin-top:12px"><${ErrorBox} error=${action.error} /></div>
    ${
      sent &&
      html`<div id="sent-event">
        <div class="notice" role="status">
          Sent <a href="#/events/${sent.Payload.Id}" class="mono">${sent.Payload.Id}</a> to ${sent.Deliveries.length} webhook(s)
          ${sent.Deliveries.map((d) => html` · <a href="#/deliveries/${d.Id}">delivery ${short(d.Id)}</a>`)}
        </div>
        <pre>${JSON.stringify(sent.Payload, null, 2)}</pre>
      </div>`
    }
  </form>`;
}
