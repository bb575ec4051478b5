// The chat server of Socket.IO's own tutorial, on Socket.IO 4.8.4 (engine.io 6.6.13, ws 8.23.1):
// every "chat message" event is broadcast with io.emit to every connected socket, the sender
// included. A client reaches it over Engine.IO's raw WebSocket transport, without the polling
// handshake first:
//   ws://127.0.0.1:PORT/socket.io/?EIO=4&transport=websocket
// and then speaks Engine.IO / Socket.IO packets as text messages:
//   server -> 0{"sid":...,"pingInterval":...}   Engine.IO open (unprompted, first message)
//   client -> 40                                  Socket.IO CONNECT to the main namespace
//   server -> 40{"sid":...}                       CONNECT acknowledged
//   client -> 42["chat message","hi"]             an event; server -> 42["chat message","hi"]
//   server -> 2 (ping) every pingInterval; the client must answer 3 (pong) within pingTimeout
// Usage: node server.mjs [port=0] [pingInterval ms=25000] [pingTimeout ms=20000]
// (25000/20000 are Socket.IO's defaults; the profile sets a short interval so that heartbeats
// happen during the cases). Other options are Socket.IO's defaults: both transports allowed,
// maxHttpBufferSize 1e6 (a larger message closes the connection), permessage-deflate off.
// Prints "listening on ws://127.0.0.1:PORT/socket.io/?EIO=4&transport=websocket" once it accepts
// connections. Loopback only.
import http from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 0);
const pingInterval = Number(process.argv[3] ?? 25000);
const pingTimeout = Number(process.argv[4] ?? 20000);

const server = http.createServer((req, res) => {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Socket.IO is at /socket.io/');
});
const io = new Server(server, { pingInterval, pingTimeout });
io.on('connection', (socket) => {
  socket.on('chat message', (msg) => {
    io.emit('chat message', msg);
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`socket.io 4.8.4 (pingInterval ${pingInterval} ms, pingTimeout ${pingTimeout} ms) pid ${process.pid}`);
  console.log(`listening on ws://127.0.0.1:${server.address().port}/socket.io/?EIO=4&transport=websocket`);
});
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
