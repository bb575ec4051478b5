// A pure echo server on Node's `ws`, the way Autobahn|Testsuite's published ws results were made:
// every message goes back with its type, nothing else is sent. Usage:
//   node echo.mjs [port=0] [deflate=1]
// Prints one line "listening on ws://127.0.0.1:PORT/" once it accepts connections (port 0 =
// ephemeral, so the harness knows the port belongs to this process). Loopback only.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const deflate = (process.argv[3] ?? '1') === '1';
const server = http.createServer((req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13' });
  res.end('Expected Upgrade: websocket');
});
const wss = new WebSocketServer({ server, perMessageDeflate: deflate, maxPayload: 64 * 1024 * 1024 });
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => {});
});
server.listen(port, '127.0.0.1', () => {
  console.log(`listening on ws://127.0.0.1:${server.address().port}/`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
