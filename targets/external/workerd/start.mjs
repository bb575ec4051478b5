// Runs workerd 1.20261117.1 serving the guide's echo Worker on 127.0.0.1 with an ephemeral port.
//
//   node start.mjs [--compat YYYY-MM-DD] [--close-listener] [--no-compression]
//
//   --compat          the Worker's compatibilityDate (default 2026-11-17, the binary's own date).
//                     From 2026-04-07 on, web_socket_auto_reply_to_close is the default: the
//                     runtime answers a client's Close frame itself. Before it, a Worker without a
//                     close listener never answers it. From 2026-03-17 on,
//                     websocket_standard_binary_type is the default: binary messages reach the
//                     Worker as Blob, and send(Blob) sends the text "[object Blob]".
//   --close-listener  the guide's Worker plus a close listener that answers the Close frame
//   --no-compression  compatibility flag no_web_socket_compression (permessage-deflate is the
//                     runtime's default for every compatibilityDate from 2023-08-15)
//
// workerd binds port 0 itself and reports the port it got on --control-fd once it listens; this
// wrapper turns that into the line "listening on ws://127.0.0.1:PORT/" the harness waits for.
// The config and the Worker are written to a fresh temporary folder, removed on exit.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let compat = '2026-11-17';
let closeListener = false;
let compression = true;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--compat') compat = argv[++i];
  else if (a === '--close-listener') closeListener = true;
  else if (a === '--no-compression') compression = false;
  else if (a === '0') continue; // the harness's "port 0": workerd always takes an ephemeral port here
  else {
    console.error(`start.mjs: unknown argument '${a}' (--compat DATE, --close-listener, --no-compression)`);
    process.exit(2);
  }
}
if (!/^\d{4}-\d{2}-\d{2}$/.test(compat ?? '')) {
  console.error(`start.mjs: --compat needs a date YYYY-MM-DD, got '${compat}'`);
  process.exit(2);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wsconform-workerd-'));
fs.copyFileSync(path.join(here, closeListener ? 'echo-close-listener.js' : 'echo.js'), path.join(dir, 'worker.js'));
const flags = compression ? '' : '\n  compatibilityFlags = ["no_web_socket_compression"],';
fs.writeFileSync(path.join(dir, 'config.capnp'), `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .echoWorker) ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "main") ],
);

const echoWorker :Workerd.Worker = (
  modules = [ (name = "worker.js", esModule = embed "worker.js") ],
  compatibilityDate = "${compat}",${flags}
);
`);

const workerd = path.join(here, 'node_modules', '.bin', 'workerd');
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
      console.log(`workerd (compatibilityDate ${compat}${closeListener ? ', close listener' : ''}` +
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
// the harness stops the whole process tree; forwarding covers a person pressing Ctrl-C
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => child.kill(sig));
