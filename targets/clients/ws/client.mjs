// Node ws 8.18.3 as a client under test, modelled on ws's own Autobahn driver (test/autobahn.js
// in websockets/ws): getCaseCount, then every case one after the other, echoing each message
// with its type, then updateReports. perMessageDeflate is on (ws's client default, said here so
// the run is what the published report ran).
//
//   node client.mjs ws://127.0.0.1:9001 [agent] [1,2,3]
import WebSocket from 'ws';

const [base, agent = 'ws-8.18.3', only] = process.argv.slice(2);
if (!base) {
  console.error('usage: node client.mjs ws://host:port [agent] [case numbers, comma-separated]');
  process.exit(2);
}
const PER_CASE_MS = 60_000; // the server's own deadlines end a case long before this
const options = { perMessageDeflate: true };

/** Opens url, echoes until closed (or PER_CASE_MS), resolves with the text messages seen. */
function session(url, echo) {
  return new Promise((resolve) => {
    const texts = [];
    let ws;
    try {
      ws = new WebSocket(url, options);
    } catch (e) {
      console.error(`${url}: ${e.message}`);
      resolve(texts);
      return;
    }
    const timer = setTimeout(() => {
      console.error(`${url}: still open after ${PER_CASE_MS} ms, terminating`);
      ws.terminate();
    }, PER_CASE_MS);
    ws.on('message', (data, isBinary) => {
      if (echo) ws.send(data, { binary: isBinary });
      else texts.push(data.toString());
    });
    ws.on('error', (e) => console.error(`${url}: ${e.message}`));
    ws.on('close', () => {
      clearTimeout(timer);
      resolve(texts);
    });
  });
}

let cases;
if (only) {
  cases = only.split(',').filter(Boolean).map(Number);
} else {
  const [count] = await session(`${base}/getCaseCount`, false);
  cases = Array.from({ length: Number(count) }, (_, i) => i + 1);
}
const a = encodeURIComponent(agent);
for (const n of cases) {
  await session(`${base}/runCase?case=${n}&agent=${a}`, true);
}
await session(`${base}/updateReports?agent=${a}`, false);
