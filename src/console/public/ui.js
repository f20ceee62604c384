import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';

export const time = (iso) => (iso ? new Date(iso).toISOString().slice(11, 23) : '');
export const dateTime = (iso) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) : '');
export const short = (id) => (id ? String(id).slice(0, 8) : '');
export const Badge = ({ value }) => html`<span class="badge ${value}">${value}</span>`;
export const Empty = ({ children }) => html`<div class="empty">${children}</div>`;
export const ErrorBox = ({ error }) => (error ? html`<div class="error" role="alert">${String(error.message || error)}</div>` : null);
export const Notice = ({ text }) => (text ? html`<div class="notice" role="status">${text}</div>` : null);

/** Loads `load()` now and whenever deps change (and every `everyMs` when given). */
export function useLoad(load, deps, everyMs) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => (live = false);
  }, [...deps, tick]);
  useEffect(() => {
    if (!everyMs) return undefined;
    const t = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return { ...state, reload: () => setTick((n) => n + 1) };
}

/** Runs an action, keeping its busy flag, message and error for the view. */
export function useAction() {
  const [state, setState] = useState({ busy: false, error: null, notice: '' });
  const run = async (fn, success) => {
    setState({ busy: true, error: null, notice: '' });
    try {
      const result = await fn();
      setState({ busy: false, error: null, notice: typeof success === 'function' ? success(result) : success || '' });
      return result;
    } catch (error) {
      setState({ busy: false, error, notice: '' });
      return undefined;
    }
  };
  return { ...state, run };
}
