// Checks an application target by hand, the way its profile describes it, with no Java involved:
//
//   node targets/external/check-app.mjs PROFILE [--repeat N] [--wait MS] [--hold MS]
//
// PROFILE is a name under targets/profiles/ (or a path to a .properties file). The script
//  1. runs targets/external/<launch>/install.sh, then the profile's launch.command + launch.args in
//     that folder, and waits (launch.ready seconds) for "listening on ws://..." on its output;
//  2. connects to the profile's url (with {port} replaced) or the announced URL, offering the
//     profile's subprotocols, with Node ws 8.18.3 (targets/external/ws) as the client;
//  3. peer=dialogue: sends each dialogue.request.N in order and waits for a message matching
//     dialogue.reply.N, answering the application's heartbeats (dialogue.heartbeat) and accepting
//     the messages dialogue.unsolicited allows on the way; then sends the last request again
//     --repeat times (default 2), to show whether the application answers it more than once;
//     with --hold MS, it then keeps the connection idle that long (answering heartbeats) and sends
//     the last request once more, to show the connection outlives the application's keep-alive;
//     peer=silent: sends a text and a binary message and checks that nothing comes back within
//     --wait ms (default 1500) while the connection stays open;
//  4. sends a WebSocket ping (expects its pong), closes with 1000 and prints the server's close.
// Every frame in and out is printed. Exit status 0 when everything matched, 1 otherwise.
//
// Profile values are read as java.util.Properties reads them, except dialogue.* values, which
// wsconform takes exactly as written (so a regex keeps its backslashes: 42\["chat).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const home = path.resolve(here, '..', '..');
const require = createRequire(path.join(here, 'ws', 'package.json'));

const args = process.argv.slice(2);
if (args.length < 1) {
  console.error('usage: node check-app.mjs PROFILE [--repeat N] [--wait MS] [--hold MS]');
  process.exit(2);
}
let repeat = 2;
let silentWait = 1500;
let hold = 0;
for (let i = 1; i < args.length; i++) {
  if (args[i] === '--repeat') repeat = Number(args[++i]);
  else if (args[i] === '--wait') silentWait = Number(args[++i]);
  else if (args[i] === '--hold') hold = Number(args[++i]);
  else {
    console.error(`check-app: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
const profileFile = args[0].endsWith('.properties')
  ? path.resolve(args[0])
  : path.join(home, 'targets', 'profiles', `${args[0]}.properties`);

/** java.util.Properties.load, closely enough for profiles. */
function loadProperties(text) {
  const out = new Map();
  const raw = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < raw.length; i++) {
    let line = raw[i].replace(/^[ \t\f]+/, '');
    if (line === '' || line[0] === '#' || line[0] === '!') continue;
    // a line ending in an odd number of backslashes continues on the next one
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < raw.length) {
      line = line.slice(0, -1) + raw[++i].replace(/^[ \t\f]+/, '');
    }
    let k = 0;
    let key = '';
    while (k < line.length && !'=: \t\f'.includes(line[k])) {
      if (line[k] === '\\') k++;
      key += line[k++] ?? '';
    }
    while (k < line.length && ' \t\f'.includes(line[k])) k++;
    if (k < line.length && '=:'.includes(line[k])) k++;
    while (k < line.length && ' \t\f'.includes(line[k])) k++;
    // wsconform reads dialogue.* values exactly as written (a regex keeps its backslashes)
    out.set(key, key.startsWith('dialogue.') ? line.slice(k) : unescape(line.slice(k)));
  }
  return out;
}
function unescape(s) {
  let r = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      r += s[i];
      continue;
    }
    const c = s[++i];
    if (c === undefined) break;
    if (c === 'u') {
      r += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else r += { t: '\t', n: '\n', r: '\r', f: '\f' }[c] ?? c;
  }
  return r;
}

/** key, key.1, key.2 ... in that order. */
function numbered(p, key) {
  const list = [];
  if (p.has(key)) list.push(p.get(key));
  [...p.keys()]
    .filter((k) => k.startsWith(key + '.') && /^\d+$/.test(k.slice(key.length + 1)))
    .sort((a, b) => Number(a.slice(key.length + 1)) - Number(b.slice(key.length + 1)))
    .forEach((k) => list.push(p.get(k)));
  return list;
}

function parseRequest(spec) {
  const m = /^(text|binary):(.*)$/s.exec(spec);
  if (!m) throw new Error(`dialogue request '${spec}' is neither text:... nor binary:<hex>`);
  return m[1] === 'text' ? { binary: false, data: m[2] } : { binary: true, data: Buffer.from(m[2].replace(/\s+/g, ''), 'hex') };
}

/** A reply matcher: returns true when a message (text string or Buffer) matches. */
function parseReply(spec) {
  const m = /^(json|regex|exact|hex):(.*)$/s.exec(spec);
  if (!m) throw new Error(`dialogue reply '${spec}' is none of json: regex: exact: hex:`);
  const [, kind, body] = m;
  if (kind === 'exact') return { spec, test: (t, bin) => !bin && t === body };
  if (kind === 'hex') {
    const want = body.replace(/\s+/g, '').toLowerCase();
    return { spec, test: (t, bin, buf) => bin && buf.toString('hex') === want };
  }
  if (kind === 'regex') {
    // anchored both ways, as Java's Matcher.matches() reads it
    const re = new RegExp(`^(?:${body})$`, 's');
    return { spec, test: (t, bin) => !bin && re.test(t) };
  }
  const eq = body.indexOf('=');
  const field = body.slice(0, eq);
  const value = body.slice(eq + 1);
  return {
    spec,
    test: (t, bin) => {
      if (bin) return false;
      try {
        let v = JSON.parse(t);
        for (const part of field.split('.')) v = v?.[part];
        return v !== undefined && (typeof v === 'string' ? v : JSON.stringify(v)) === value;
      } catch {
        return false;
      }
    },
  };
}

function show(data, binary) {
  if (!binary) return JSON.stringify(data.length > 300 ? data.slice(0, 300) + '…' : data);
  return `binary ${data.length} octets ${data.subarray(0, 64).toString('hex')}${data.length > 64 ? '…' : ''}`;
}

const p = loadProperties(fs.readFileSync(profileFile, 'utf8'));
const peer = p.get('peer') ?? 'echo';
const subprotocols = (p.get('subprotocols') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const requests = numbered(p, 'dialogue.request').map(parseRequest);
const replies = numbered(p, 'dialogue.reply').map(parseReply);
const heartbeats = numbered(p, 'dialogue.heartbeat').map((h) => {
  const [from, to] = h.split('->');
  return { from, to };
});
const unsolicited = numbered(p, 'dialogue.unsolicited').map(parseReply);
console.log(`profile ${path.relative(home, profileFile)}: peer=${peer}, subprotocols=[${subprotocols}], ` +
  `${requests.length} request(s), ${replies.length} reply pattern(s), ${heartbeats.length} heartbeat(s), ` +
  `${unsolicited.length} unsolicited pattern(s)`);
if (peer === 'dialogue' && (requests.length === 0 || requests.length !== replies.length)) {
  console.error('check-app: peer=dialogue needs dialogue.request.N and dialogue.reply.N in pairs');
  process.exit(1);
}

// 1. launch
let child = null;
let url = p.get('url');
const launch = p.get('launch');
if (launch) {
  const dir = path.join(here, launch);
  if (fs.existsSync(path.join(dir, 'install.sh'))) {
    const t0 = Date.now();
    const r = spawnSync('bash', ['install.sh'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`check-app: ${launch}/install.sh failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
      process.exit(1);
    }
    console.log(`install: ${launch}/install.sh ok (${Date.now() - t0} ms)`);
  }
  const words = `${p.get('launch.command') ?? 'bash start.sh'} ${p.get('launch.args') ?? ''}`.trim().split(/\s+/);
  child = spawn(words[0], words.slice(1), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const readySeconds = Number(p.get('launch.ready') ?? 60);
  const announced = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no 'listening on' within ${readySeconds} s`)), readySeconds * 1000);
    let buf = '';
    const onData = (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        console.log(`  [target] ${line}`);
        const m = /listening on (wss?:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.on('exit', (code) => reject(new Error(`the target exited with ${code} before it was ready`)));
  }).catch((e) => {
    console.error(`check-app: ${e.message}`);
    stop();
    process.exit(1);
  });
  const port = new URL(announced).port;
  url = url ? url.replace('{port}', port) : announced;
}
function stop() {
  if (child && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM'); // the launcher's whole process group
    } catch {}
  }
}
process.on('exit', stop);

// 2. connect
const WebSocket = require('ws');
const ok = [];
const bad = [];
const ws = new WebSocket(url, subprotocols, { handshakeTimeout: 10000 });
const inbox = [];
let waiter = null;
let closed = null;
const opened = new Promise((resolve, reject) => {
  ws.on('open', resolve);
  ws.on('error', reject);
  ws.on('unexpected-response', (req, res) => reject(new Error(`HTTP ${res.statusCode} instead of 101`)));
});
ws.on('message', (data, isBinary) => {
  const text = isBinary ? null : data.toString('utf8');
  const hb = !isBinary && heartbeats.find((h) => h.from === text);
  console.log(`  <- ${show(isBinary ? data : text, isBinary)}${hb ? `  (heartbeat: answering ${JSON.stringify(hb.to)})` : ''}`);
  if (hb) {
    ws.send(hb.to);
    console.log(`  -> ${show(hb.to, false)}`);
    return;
  }
  inbox.push({ text, isBinary, data });
  if (waiter) waiter();
});
ws.on('ping', () => console.log('  <- ping (pong sent by ws)'));
let pongs = 0;
ws.on('pong', (d) => {
  pongs++;
  console.log(`  <- pong ${show(d, true)}`);
  if (waiter) waiter();
});
ws.on('close', (code, reason) => {
  closed = { code, reason: reason.toString() };
  console.log(`  <- close ${code} ${JSON.stringify(closed.reason)}`);
  if (waiter) waiter();
});

function until(pred, ms) {
  return new Promise((resolve) => {
    const check = () => {
      const r = pred();
      if (r !== undefined) {
        clearTimeout(timer);
        waiter = null;
        resolve(r);
      }
    };
    const timer = setTimeout(() => {
      waiter = null;
      resolve(undefined);
    }, ms);
    waiter = check;
    check();
  });
}

/** Waits for the reply: skips messages the unsolicited patterns allow; anything else is unexpected. */
async function expect(reply, label) {
  const got = await until(() => {
    while (inbox.length) {
      const m = inbox.shift();
      if (reply.test(m.text, m.isBinary, m.data)) return m;
      if (unsolicited.some((u) => u.test(m.text, m.isBinary, m.data))) {
        console.log('     (unsolicited, allowed)');
        continue;
      }
      bad.push(`${label}: unexpected ${show(m.isBinary ? m.data : m.text, m.isBinary)}`);
    }
    if (closed) return null;
    return undefined;
  }, 5000);
  if (got) ok.push(`${label}: reply matched ${reply.spec}`);
  else bad.push(`${label}: no reply matching ${reply.spec} within 5 s${closed ? ` (closed ${closed.code})` : ''}`);
}

function send(r) {
  console.log(`  -> ${show(r.data, r.binary)}`);
  ws.send(r.data, { binary: r.binary });
}

try {
  await opened;
} catch (e) {
  console.error(`check-app: could not connect to ${url}: ${e.message}`);
  process.exit(1);
}
console.log(`connected to ${url}: subprotocol ${JSON.stringify(ws.protocol)}, extensions ${JSON.stringify(ws.extensions)}`);
if (subprotocols.length && !subprotocols.includes(ws.protocol)) bad.push(`the server chose subprotocol '${ws.protocol}'`);

if (peer === 'dialogue') {
  // let the unprompted messages of the opening (e.g. Engine.IO's open packet) arrive first
  await until(() => (inbox.length || closed ? true : undefined), 300);
  for (let i = 0; i < requests.length && !closed; i++) {
    send(requests[i]);
    await expect(replies[i], `request ${i + 1}`);
  }
  for (let r = 1; r <= repeat && !closed; r++) {
    send(requests[requests.length - 1]);
    await expect(replies[replies.length - 1], `request ${requests.length} again (${r})`);
  }
  if (hold > 0 && !closed) {
    console.log(`  (holding the connection ${hold} ms)`);
    await until(() => (closed ? true : undefined), hold);
    if (closed) bad.push(`the server closed the idle connection within ${hold} ms (${closed.code})`);
    else {
      send(requests[requests.length - 1]);
      await expect(replies[replies.length - 1], `request ${requests.length} after ${hold} ms idle`);
    }
  }
  // anything left over must be allowed
  await until(() => undefined, 300);
  for (const m of inbox.splice(0)) {
    if (!unsolicited.some((u) => u.test(m.text, m.isBinary, m.data)))
      bad.push(`after the dialogue: unexpected ${show(m.isBinary ? m.data : m.text, m.isBinary)}`);
  }
} else if (peer === 'silent') {
  send({ binary: false, data: 'Hello, silent Worker' });
  send({ binary: true, data: Buffer.from('00ff10', 'hex') });
  await until(() => (closed || inbox.length ? true : undefined), silentWait);
  if (inbox.length) bad.push(`silent peer sent ${inbox.length} message(s)`);
  else if (closed) bad.push(`silent peer closed (${closed.code})`);
  else ok.push(`silent: nothing came back within ${silentWait} ms and the connection stayed open`);
} else {
  console.log('peer=echo: nothing application-specific to check');
}

if (!closed) {
  ws.ping(Buffer.from('wsconform'));
  console.log('  -> ping "wsconform"');
  await until(() => (pongs > 0 || closed ? true : undefined), 3000);
  if (pongs > 0) ok.push('ping answered with pong');
  else bad.push('no pong within 3 s');
  ws.close(1000, 'check done');
  console.log('  -> close 1000 "check done"');
  await until(() => (closed ? true : undefined), 5000);
  if (closed) ok.push(`server answered the close: ${closed.code}`);
  else bad.push('the server did not answer the close within 5 s');
}
for (const l of ok) console.log(`OK   ${l}`);
for (const l of bad) console.log(`FAIL ${l}`);
console.log(bad.length ? `check-app: ${bad.length} problem(s)` : 'check-app: all matched');
stop();
process.exit(bad.length ? 1 : 0);
