// Cloudflare's workerd 1.20261117.1 as a client under test: runs a Worker (worker-websocket.js or
// worker-fetch.js) in workerd on 127.0.0.1 and makes one request per case to it with the case's
// URL; the Worker connects, echoes, and answers when its WebSocket has closed. getCaseCount and
// updateReports go over plain HTTP from here. The Worker's outbound connections go through a
// network service that allows private and local addresses (the default allows public ones only,
// and the fuzzing server is on loopback).
//
//   node client.mjs websocket|fetch ws://127.0.0.1:9001 [agent] [1,2,3] [--compat YYYY-MM-DD]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let compat = '2026-11-17';
const ci = args.indexOf('--compat');
if (ci >= 0) compat = args.splice(ci, 2)[1];
const [variant, base, agent = `workerd-${variant}`, only] = args;
if (!['websocket', 'fetch'].includes(variant) || !base) {
  console.error('usage: node client.mjs websocket|fetch ws://host:port [agent] [cases] [--compat DATE]');
  process.exit(2);
}
const PER_CASE_MS = 70_000;
const httpBase = base.replace(/^ws/, 'http');
const a = encodeURIComponent(agent);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsconform-workerd-client-'));
fs.copyFileSync(path.join(here, `worker-${variant}.js`), path.join(dir, 'worker.js'));
fs.writeFileSync(path.join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .clientWorker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const clientWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compat}",
  globalOutbound = "loopback",
);
`);

const workerd = path.join(here, 'node_modules', '.bin', 'workerd');
const child = spawn(workerd, ['serve', path.join(dir, 'config.capnp'), '--control-fd', '3'],
  { cwd: dir, stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
const cleanup = () => {
  child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
};
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => { cleanup(); process.exit(1); });

const port = await new Promise((resolve, reject) => {
  let pending = '';
  const timer = setTimeout(() => reject(new Error('workerd did not listen within 20 s')), 20_000);
  child.on('exit', (code) => reject(new Error(`workerd exited with ${code}`)));
  child.stdio[3].setEncoding('utf8');
  child.stdio[3].on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      try {
        const msg = JSON.parse(line);
        if (msg.event === 'listen' && msg.socket === 'http') {
          clearTimeout(timer);
          resolve(msg.port);
        }
      } catch {
        // not a control message
      }
    }
  });
}).catch((e) => {
  console.error(`client.mjs: ${e.message}`);
  cleanup();
  process.exit(1);
});

try {
  let cases;
  if (only) {
    cases = only.split(',').filter(Boolean).map(Number);
  } else {
    const count = Number((await (await fetch(`${httpBase}/getCaseCount`)).text()).trim());
    cases = Array.from({ length: count }, (_, i) => i + 1);
  }
  for (const n of cases) {
    const url = `${base}/runCase?case=${n}&agent=${a}`;
    try {
      const r = await fetch(`http://127.0.0.1:${port}/?url=${encodeURIComponent(url)}`,
        { signal: AbortSignal.timeout(PER_CASE_MS) });
      const how = await r.text();
      if (!how.startsWith('closed')) console.error(`case ${n}: ${r.status} ${how.slice(0, 300)}`);
    } catch (e) {
      console.error(`case ${n}: ${e.message}`);
    }
  }
  await fetch(`${httpBase}/updateReports?agent=${a}`).catch((e) => console.error(e.message));
} finally {
  cleanup();
}
