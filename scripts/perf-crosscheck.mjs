// perf-crosscheck: an independent client (Node's `ws`, not our codec) measuring the same two figures
// as `wsconform perf`, to check ours against: the median echo latency at a fixed offered rate (open
// model: each latency counted from the intended send time, as ours) and the peak message rate over
// one connection with WINDOW messages in flight (closed model, as ours). Uses the `ws` 8.18.3 that
// targets/external/ws installs (its pinned lock file). Usage:
//   node scripts/perf-crosscheck.mjs URL [rate=1000] [size=32] [seconds=5] [window=32] [connections=4]
// Prints one JSON line: {"medianMicros":…,"p99Micros":…,"peakPerSecond":…}. No permessage-deflate.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../targets/external/ws/package.json'));
const WebSocket = require('ws');

const [url, rateArg = '1000', sizeArg = '32', secondsArg = '5', windowArg = '32', connArg = '4'] =
  process.argv.slice(2);
if (!url) {
  console.error('usage: node scripts/perf-crosscheck.mjs URL [rate] [size] [seconds] [window] [connections]');
  process.exit(2);
}
const rate = Number(rateArg), size = Number(sizeArg), seconds = Number(secondsArg);
const window = Number(windowArg), connections = Number(connArg);
const payload = 'x'.repeat(size);
const now = () => Number(process.hrtime.bigint()) / 1000; // µs

function open() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// fixed rate, open model: sends at t0 + k/rate whatever the echoes do, round-robin over connections
async function latency() {
  const socks = await Promise.all(Array.from({ length: connections }, open));
  const queues = socks.map(() => []);
  const lat = [];
  socks.forEach((ws, i) => ws.on('message', () => {
    const intended = queues[i].shift();
    if (intended !== undefined && intended >= warmEnd) lat.push(now() - intended);
  }));
  const interval = 1e6 / rate;
  const t0 = now() + 1000;
  const warmEnd = t0 + 1e6 * 0.5;
  const end = warmEnd + seconds * 1e6;
  let k = 0;
  await new Promise((resolve) => {
    const tick = () => {
      const t = now();
      while (t0 + k * interval <= t && t0 + k * interval < end) {
        const i = k % socks.length;
        queues[i].push(t0 + k * interval);
        socks[i].send(payload);
        k++;
      }
      if (t0 + k * interval >= end) return resolve();
      setImmediate(tick);
    };
    tick();
  });
  await new Promise((r) => setTimeout(r, 500));
  socks.forEach((ws) => ws.terminate());
  lat.sort((a, b) => a - b);
  return { median: percentile(lat, 50), p99: percentile(lat, 99), count: lat.length };
}

// closed model at its limit: WINDOW in flight on one connection
async function peak() {
  const ws = await open();
  let counted = 0;
  const t0 = now();
  const warmEnd = t0 + 0.5e6;
  const end = warmEnd + seconds * 1e6;
  await new Promise((resolve) => {
    ws.on('message', () => {
      const t = now();
      if (t >= warmEnd && t < end) counted++;
      if (t < end) ws.send(payload);
      else resolve();
    });
    for (let i = 0; i < window; i++) ws.send(payload);
  });
  ws.terminate();
  return counted / seconds;
}

const l = await latency();
const p = await peak();
console.log(JSON.stringify({
  medianMicros: Math.round(l.median), p99Micros: Math.round(l.p99), echoed: l.count,
  peakPerSecond: Math.round(p), rate, size, seconds, window, connections,
}));
