// Runs workerd 1.20261117.1 (targets/external/workerd's binary) serving the chat room (worker.js:
// a Worker and its ChatRoom Durable Object, in-memory storage) on 127.0.0.1 with an ephemeral port:
//
//   node start.mjs [--compat YYYY-MM-DD] [--no-compression]
//
//   --compat          the Worker's compatibilityDate (default 2026-11-17, the binary's own date:
//                     the runtime answers Close frames itself, web_socket_auto_reply_to_close)
//   --no-compression  compatibility flag no_web_socket_compression
//
// workerd binds port 0 and reports the port on --control-fd; this wrapper prints
// "listening on ws://127.0.0.1:PORT/" from it (the room "lobby"; /room/NAME is another room). The config is written to a fresh temporary folder,
// removed on exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let compat = '2026-11-17';
let compression = true;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--compat') compat = argv[++i];
  else if (a === '--no-compression') compression = false;
  else if (a === '0') continue; // the harness's "port 0": workerd always takes an ephemeral port here
  else {
    console.error(`start.mjs: unknown argument '${a}' (--compat DATE, --no-compression)`);
    process.exit(2);
  }
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(compat ?? '')) {
  console.error(`start.mjs: --compat needs a date YYYY-MM-DD, got '${compat}'`);
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsconform-workerd-chat-'));
fs.copyFileSync(path.join(here, 'worker.js'), path.join(dir, 'worker.js'));
const flags = compression ? '' : '\n  compatibilityFlags = ["no_web_socket_compression"],';
fs.writeFileSync(path.join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .chatWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const chatWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compat}",${flags}
  durableObjectNamespaces = [ (className = "ChatRoom", uniqueKey = "wsconform-chat-room") ],
  durableObjectStorage = (inMemory = void),
  bindings = [ (name = "ROOMS", durableObjectNamespace = "ChatRoom") ],
);
`);

const workerd = path.join(here, '..', 'workerd', 'node_modules', '.bin', 'workerd');
const child = spawn(workerd, ['serve', path.join(dir, 'config.capnp'), '--control-fd', '3'],
  { cwd: dir, stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });

let pending = '';
child.stdio[3].setEncoding('utf8');
child.stdio[3].on('data', (chunk) => {
  pending += chunk;
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      continue;
    }
    if (msg.event === 'listen' && msg.socket === 'http') {
      console.log(`workerd (the Durable Objects chat room, compatibilityDate ${compat}` +
        `${compression ? '' : ', no_web_socket_compression'}) pid ${child.pid}`);
      console.log(`listening on ws://127.0.0.1:${msg.port}/`);
    }
  }
});

const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
child.on('exit', (code, signal) => {
  cleanup();
  process.exit(code ?? (signal ? 1 : 0));
});
child.on('error', (err) => {
  console.error(`start.mjs: cannot run ${workerd}: ${err.message} (run install.sh)`);
  cleanup();
  process.exit(1);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
