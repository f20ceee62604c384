import { useEffect, useState } from 'preact/hooks';
import { get, openStream } from './api.js';

const MAX_ROWS = 200;
const MAX_KNOWN = 50000;

/**
 * What the live stream brought since the page opened: the newest events and deliveries for the
 * tables (which start with the newest stored ones, so a page opened after a run shows it), counts
 * by delivery status, and the event rate. Views re-render once per batch (the server sends a few
 * batches a second at most), never once per row.
 */
const state = {
  connected: false,
  events: [],
  deliveries: [],
  totals: { events: 0, deliveries: 0, delivered: 0, retrying: 0, pending: 0, discarded: 0 },
  rate: 0,
  version: 0,
};
const listeners = new Set();
const statusOf = new Map();
/** Deliveries known from the history read only: their first change adds to the counts, takes nothing off. */
const uncounted = new Set();
const recent = [];

const newestFirst = (a, b) => (a.CreatedAt < b.CreatedAt ? 1 : a.CreatedAt > b.CreatedAt ? -1 : 0);

/** Of two views of one delivery, the later one (the stream and the history read may overtake each other). */
const later = (a, b) => (!a ? b : !b ? a : a.UpdatedAt >= b.UpdatedAt ? a : b);

/** The newest stored events and deliveries under what the stream brought; not counted in the totals. */
async function loadHistory() {
  const [events, deliveries] = await Promise.all([get(`/api/events?limit=${MAX_ROWS}`), get(`/api/deliveries?limit=${MAX_ROWS}`)]);
  const seen = new Set(state.events.map((e) => e.Id));
  state.events = [...state.events, ...events.Items.filter((e) => !seen.has(e.Id))].sort(newestFirst).slice(0, MAX_ROWS);
  const byId = new Map(state.deliveries.map((d) => [d.Id, d]));
  for (const d of deliveries.Items) {
    byId.set(d.Id, later(byId.get(d.Id), d));
    if (!statusOf.has(d.Id)) {
      statusOf.set(d.Id, byId.get(d.Id).Status);
      uncounted.add(d.Id);
    }
  }
  state.deliveries = [...byId.values()].sort(newestFirst).slice(0, MAX_ROWS);
  changed();
}

function apply(batch) {
  const now = Date.now();
  recent.push([now, batch.NewEvents]);
  while (recent.length && now - recent[0][0] > 5000) recent.shift();
  state.rate = Math.round(recent.reduce((n, [, c]) => n + c, 0) / 5);
  state.totals.events += batch.NewEvents;
  state.totals.deliveries += batch.NewDeliveries;
  state.events = [...batch.Events, ...state.events].slice(0, MAX_ROWS);
  const byId = new Map(state.deliveries.map((d) => [d.Id, d]));
  for (const d of batch.Deliveries) {
    const before = statusOf.get(d.Id);
    if (before !== d.Status) {
      if (before && !uncounted.delete(d.Id) && state.totals[before] > 0) state.totals[before]--;
      state.totals[d.Status] = (state.totals[d.Status] || 0) + 1;
      statusOf.set(d.Id, d.Status);
      if (statusOf.size > MAX_KNOWN) statusOf.delete(statusOf.keys().next().value);
    }
    byId.set(d.Id, d);
  }
  state.deliveries = [...byId.values()].sort(newestFirst).slice(0, MAX_ROWS);
  changed();
}

function changed() {
  state.version++;
  for (const l of listeners) l(state.version);
}

let stop = null;
export function startLive() {
  if (stop) return;
  stop = openStream(apply, (connected) => {
    state.connected = connected;
    changed();
  });
  // Without it the tables stay empty until something new happens. A failed read (a key still to be
  // given) leaves them to the stream.
  loadHistory().catch(() => {});
}

export function clearLive() {
  state.events = [];
  state.deliveries = [];
  state.totals = { events: 0, deliveries: 0, delivered: 0, retrying: 0, pending: 0, discarded: 0 };
  statusOf.clear();
  uncounted.clear();
  changed();
}

export function useLive() {
  const [, setVersion] = useState(0);
  useEffect(() => {
    listeners.add(setVersion);
    return () => listeners.delete(setVersion);
  }, []);
  return state;
}
