// The admin API from the browser: the key (when ADMIN_API_KEY is set) is asked for once and kept
// in this browser's localStorage; every call sends it as X-Admin-Key.
const KEY = 'enreach-emu.admin-key';
let askForKey = () => {};

export const setKeyPrompt = (fn) => (askForKey = fn);
export const adminKey = () => localStorage.getItem(KEY) || '';
export const saveKey = (key) => localStorage.setItem(KEY, key);

export class ApiError extends Error {}

function headers(json) {
  const h = json ? { 'content-type': 'application/json' } : {};
  const key = adminKey();
  if (key) h['x-admin-key'] = key;
  return h;
}

function messageOf(data, status) {
  if (data && data.message) return Array.isArray(data.message) ? data.message.join('\n') : String(data.message);
  return `The API answered ${status}`;
}

export async function api(method, path, body) {
  const res = await fetch(path, { method, headers: headers(body !== undefined), body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401) {
    askForKey();
    throw new ApiError('This emulator needs its admin API key (ADMIN_API_KEY)');
  }
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!res.ok) throw new ApiError(messageOf(data, res.status));
  return data;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The live stream (Server-Sent Events) read with fetch, so that it can send the admin key header,
 * which EventSource cannot; it reconnects after a second when the connection drops.
 */
export function openStream(onBatch, onConnected) {
  let stopped = false;
  let controller = null;
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const res = await fetch('/api/stream', { headers: headers(false), signal: controller.signal });
        if (res.status === 401) {
          askForKey();
          onConnected(false);
          await sleep(2000);
          continue;
        }
        onConnected(res.ok);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = message
              .split('\n')
              .filter((line) => line.startsWith('data:'))
              .map((line) => line.slice(5).trimStart())
              .join('\n');
            if (data) onBatch(JSON.parse(data));
          }
        }
      } catch {
        // dropped or stopped: try again below unless stopped
      }
      onConnected(false);
      if (!stopped) await sleep(1000);
    }
  })();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
