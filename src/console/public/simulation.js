import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, post } from './api.js';
import { Chart } from './charts.js';
import { Badge, Empty, ErrorBox, Notice, short, useAction, useLoad } from './ui.js';

const AVAILABILITIES = ['Available', 'Busy', 'DoNotDisturb', 'OffWork'];
const FINISHED = ['completed', 'stopped', 'interrupted', 'failed'];

function Organisation() {
  const users = useLoad(() => get('/api/users'), [], 3000);
  const queues = useLoad(() => get('/api/queues'), [], 3000);
  const calls = useLoad(() => get('/api/calls').catch(() => []), [], 1500);
  const action = useAction();
  const waiting = (q) => (calls.data || []).filter((c) => c.queueId === q.Id && (c.phase === 'queuing' || c.phase === 'ringing')).length;
  const talking = (q) => (calls.data || []).filter((c) => c.queueId === q.Id && c.phase === 'connected').length;
  const setAvailability = (u, Availability) =>
    action.run(() => post(`/api/users/${u.Id}/availability`, { Availability }), `${u.UserName} is now ${Availability}`).then(users.reload);
  return html`<div class="grid2">
    <div class="panel">
      <h2>Agents</h2>
      <${Notice} text=${action.notice} /><${ErrorBox} error=${action.error || users.error} />
      ${
        (users.data || []).length === 0
          ? html`<${Empty}>No agents: the organisation is empty (DEMO_ORGANIZATION=true creates a demo one).</${Empty}>`
          : html`<table id="users">
              <thead>
                <tr>
                  <th>User</th>
                  <th>Number</th>
                  <th>Availability</th>
                  <th>Change</th>
                </tr>
              </thead>
              <tbody>
                ${users.data.map(
                  (u) =>
                    html`<tr>
                      <td>${u.UserName}</td>
                      <td class="mono">${u.Number}</td>
                      <td><${Badge} value=${u.Availability} /></td>
                      <td>
                        <select value=${u.Availability} onChange=${(e) => setAvailability(u, e.target.value)} style="width:auto">
                          ${AVAILABILITIES.map((a) => html`<option value=${a}>${a}</option>`)}
                        </select>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>
    <div class="panel">
      <h2>Queues</h2>
      ${
        (queues.data || []).length === 0
          ? html`<${Empty}>No queues.</${Empty}>`
          : html`<table id="queues">
              <thead>
                <tr>
                  <th>Queue</th>
                  <th>Number</th>
                  <th class="num">Agents</th>
                  <th class="num">Waiting</th>
                  <th class="num">Talking</th>
                </tr>
              </thead>
              <tbody>
                ${queues.data.map(
                  (q) =>
                    html`<tr>
                      <td>${q.Name}</td>
                      <td class="mono">${q.Number}</td>
                      <td class="num">${q.AttachedUsers.length}</td>
                      <td class="num">${waiting(q)}</td>
                      <td class="num">${talking(q)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      <${PlaceCall} queues=${queues.data || []} onPlaced=${calls.reload} />
    </div>
  </div>`;
}

function PlaceCall({ queues, onPlaced }) {
  const [form, setForm] = useState({ Queue: '', AnswerAfterSeconds: 3, TalkSeconds: 20 });
  const action = useAction();
  const place = (e) => {
    e.preventDefault();
    const Queue = form.Queue || queues[0]?.Id;
    action
      .run(
        () =>
          post('/api/calls', { Type: 'queue', Queue, Script: { AnswerAfterSeconds: Number(form.AnswerAfterSeconds), TalkSeconds: Number(form.TalkSeconds) } }),
        (r) => `Call ${short(r.CallId)} placed`,
      )
      .then(onPlaced);
  };
  return html`<form onSubmit=${place} style="margin-top:14px">
    <h2>Place a queue call</h2>
    <${Notice} text=${action.notice} /><${ErrorBox} error=${action.error} />
    <div class="toolbar">
      <label
        ><span>Queue</span
        ><select name="queue" value=${form.Queue || queues[0]?.Id} onChange=${(e) => setForm({ ...form, Queue: e.target.value })}>
          ${queues.map((q) => html`<option value=${q.Id}>${q.Name}</option>`)}
        </select></label
      >
      <label
        ><span>Answer after s</span
        ><input
          type="number"
          min="0"
          value=${form.AnswerAfterSeconds}
          style="width:90px"
          onInput=${(e) => setForm({ ...form, AnswerAfterSeconds: e.target.value })}
      /></label>
      <label
        ><span>Talk s</span
        ><input type="number" min="0" value=${form.TalkSeconds} style="width:90px" onInput=${(e) => setForm({ ...form, TalkSeconds: e.target.value })}
      /></label>
      <button class="primary" type="submit" disabled=${action.busy || !queues.length}>Place call</button>
    </div>
  </form>`;
}

function Report({ run }) {
  const r = run.Report;
  if (!r) return null;
  const series = r.Throughput.PerSecond || [];
  const hist = Object.entries(r.Deliveries.AttemptsHistogram);
  const lat = r.LatencyMs;
  return html`<div id="scenario-report" style="margin-top:12px">
    <dl class="kv">
      <dt>Events</dt>
      <dd>${r.Events.Total}</dd>
      <dt>Deliveries</dt>
      <dd>
        ${r.Deliveries.Total}
        (${Object.entries(r.Deliveries.ByStatus)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')})
      </dd>
      <dt>Latency p50 / p95 / p99</dt>
      <dd>${lat ? `${lat.P50} / ${lat.P95} / ${lat.P99} ms` : '—'}</dd>
      <dt>Delivered per second</dt>
      <dd>${r.Throughput.DeliveredPerSecond}</dd>
      <dt>Duplicated / out of order</dt>
      <dd>${r.Retry.Duplicated.length} / ${r.Retry.OutOfOrder.length}</dd>
    </dl>
    <div class="grid3" style="margin-top:12px">
      <div class="panel">
        <${Chart}
          id="chart-throughput"
          title="Deliveries per second"
          x=${series.map((s) => Date.parse(s.Second) / 1000)}
          y=${series.map((s) => s.Delivered)}
          unit="deliveries"
        />
      </div>
      <div class="panel">
        <${Chart}
          id="chart-latency"
          title="Latency percentiles (ms)"
          kind="bars"
          labels=${['p50', 'p95', 'p99']}
          y=${lat ? [lat.P50, lat.P95, lat.P99] : [0, 0, 0]}
          unit="ms"
          color="#7c4ddb"
        />
      </div>
      <div class="panel">
        <${Chart}
          id="chart-attempts"
          title="Attempts per delivery"
          kind="bars"
          labels=${hist.map(([k]) => k)}
          y=${hist.map(([, n]) => n)}
          unit="deliveries"
          color="#1a7f4b"
        />
      </div>
    </div>
  </div>`;
}

function Scenario() {
  const [form, setForm] = useState({
    Seed: 'console',
    DurationSeconds: 30,
    CallsPerSecond: 1,
    TimeScale: 30,
    DuplicateRate: 0,
    OutOfOrderRate: 0,
    Schedule: '',
  });
  const [id, setId] = useState(null);
  const action = useAction();
  const run = useLoad(() => (id ? get(`/api/scenarios/${id}`) : Promise.resolve(null)), [id], id ? 500 : 0);
  const past = useLoad(() => get('/api/scenarios?limit=10').catch(() => []), [id, run.data?.Status]);
  const field = (k, label, type = 'number') =>
    html`<label
      ><span>${label}</span><input type=${type} name=${k} value=${form[k]} step="any" onInput=${(e) => setForm({ ...form, [k]: e.target.value })}
    /></label>`;
  const start = async (e) => {
    e.preventDefault();
    const retry = {};
    if (Number(form.DuplicateRate)) retry.DuplicateRate = Number(form.DuplicateRate);
    if (Number(form.OutOfOrderRate)) retry.OutOfOrderRate = Number(form.OutOfOrderRate);
    if (form.Schedule.trim()) retry.Schedule = form.Schedule.trim();
    const body = {
      Seed: form.Seed,
      DurationSeconds: Number(form.DurationSeconds),
      CallsPerSecond: Number(form.CallsPerSecond),
      TimeScale: Number(form.TimeScale),
      ...(Object.keys(retry).length ? { Retry: retry } : {}),
    };
    const started = await action.run(() => post('/api/scenarios', body));
    if (started) setId(started.Id);
  };
  const v = run.data;
  const p = v?.Progress;
  return html`<div class="panel" style="margin-top:16px">
    <h2>Load and retry scenario</h2>
    <${ErrorBox} error=${action.error} />
    <form id="scenario-form" onSubmit=${start}>
      <div class="form-grid">
        ${field('Seed', 'Seed', 'text')} ${field('DurationSeconds', 'Duration (virtual s)')} ${field('CallsPerSecond', 'Calls per second')}
        ${field('TimeScale', 'Time scale')} ${field('DuplicateRate', 'Duplicate rate (0..1)')} ${field('OutOfOrderRate', 'Out-of-order rate (0..1)')}
        ${field('Schedule', 'Retry schedule, e.g. 1s,2s,4s', 'text')}
      </div>
      <button class="primary" type="submit" disabled=${action.busy || (v && !FINISHED.includes(v.Status))}>Run scenario</button>
    </form>
    ${
      v &&
      html`<div style="margin-top:14px" id="scenario-run">
        <div class="row" style="align-items:center;gap:10px">
          <strong>Run ${short(v.Id)}</strong> <${Badge} value=${v.Status} /><span class="muted"
            >calls ${p.CallsPlaced}/${p.CallsPlanned} · events ${p.EventsEmitted} · delivered ${p.Deliveries.delivered ?? 0} · discarded
            ${p.Deliveries.discarded ?? 0}</span
          >
        </div>
        <div class="progress"><div style="width:${Math.round(Math.min(1, p.Share) * 100)}%"></div></div>
        <${Report} run=${v} />
      </div>`
    }
    ${
      (past.data || []).length > 0 &&
      html`<h2 style="margin-top:16px">Past runs</h2>
        <table>
          <thead>
            <tr>
              <th>Run</th>
              <th>Status</th>
              <th>Seed</th>
              <th class="num">Calls</th>
              <th class="num">Events</th>
            </tr>
          </thead>
          <tbody>
            ${past.data.map(
              (s) =>
                html`<tr class="click" onClick=${() => setId(s.Id)}>
                  <td class="mono">${short(s.Id)}</td>
                  <td><${Badge} value=${s.Status} /></td>
                  <td>${String(s.Seed ?? s.Options?.Seed ?? '')}</td>
                  <td class="num">${s.Progress?.CallsPlaced ?? ''}</td>
                  <td class="num">${s.Progress?.EventsEmitted ?? ''}</td>
                </tr>`,
            )}
          </tbody>
        </table>`
    }
  </div>`;
}

export function SimulationPage() {
  return html`<div>
    <h1>Simulation</h1>
    <${Organisation} /><${Scenario} />
  </div>`;
}
