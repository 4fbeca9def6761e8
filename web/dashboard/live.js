// Live updates for the dashboard: each view that should stay current (the
// overview with its totals, charts and lists; the open detail view) keeps one
// live query open at POST /graphql/live (GraphQL over server-sent events,
// distinct-connections mode: the usual JSON body, `next` events). The gateway
// answers at once and again whenever a write changes what the query reads,
// with this tab's token and purpose each time, so rights apply to every
// answer. An answer equal to the one on screen is not rendered again.
//
// A stream that breaks is opened again after a pause (1 s, doubling up to
// 30 s); one refused for too many open live queries (429) is not retried:
// the page still works, it only stops updating itself. `document.body.dataset.live`
// says which ('on', 'off', 'refused').

import { answerOf } from './api.js';

/** name → { key, abort } of each open stream. */
const streams = new Map();
const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function setStatus(status) {
  document.body.dataset.live = status;
}

/** The server-sent events of a fetch body: { event, data } each. */
async function* events(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
      let event = 'message';
      const data = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      if (data.length || event !== 'message') yield { event, data: data.join('\n') };
    }
  }
}

/**
 * Keeps the view `name` current: `onAnswer({ data, errors, refusals })` for
 * every answer that differs from the last one (the first from `initial`, the
 * answer already on screen). Calling it again with the same query, variables,
 * token and purpose keeps the open stream; with others, replaces it.
 */
export function follow(name, { query, variables, token, purpose, initial }, onAnswer) {
  const key = JSON.stringify([query, variables, token, purpose]);
  const open = streams.get(name);
  if (open?.key === key) return;
  open?.abort.abort();
  const abort = new AbortController();
  streams.set(name, { key, abort });
  let last = initial === undefined ? undefined : JSON.stringify(initial);
  const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (purpose) headers['hub-purpose'] = purpose;
  void (async () => {
    let pause = 1_000;
    while (!abort.signal.aborted) {
      try {
        const res = await fetch('/graphql/live', {
          method: 'POST',
          headers,
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
        if (res.status === 429) {
          setStatus('refused');
          return;
        }
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        setStatus('on');
        pause = 1_000;
        for await (const e of events(res.body)) {
          if (e.event === 'complete') return; // the last answer had no data: nothing more comes
          if (e.event !== 'next') continue;
          const body = JSON.parse(e.data);
          const text = JSON.stringify(body.data ?? null);
          if (text === last || !body.data) continue;
          last = text;
          onAnswer(answerOf(body));
        }
      } catch {
        if (abort.signal.aborted) return;
      }
      setStatus('off');
      await sleep(pause, abort.signal);
      pause = Math.min(pause * 2, 30_000);
    }
  })();
}

/** Closes the stream of view `name` (the detail view was closed). */
export function unfollow(name) {
  streams.get(name)?.abort.abort();
  streams.delete(name);
}
