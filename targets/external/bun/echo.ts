// A pure echo server on Bun's built-in WebSocket server (Bun.serve): every message goes back with
// its type, nothing else is sent. Usage:
//   bun echo.ts [port=0] [deflate=1]
// Prints "listening on ws://127.0.0.1:PORT/" once it accepts connections (port 0 = ephemeral).
// Loopback only. With deflate, Bun negotiates permessage-deflate but compresses an outgoing
// message only when send() is asked to (second argument), so the echo asks for every message.
const port = Number(process.argv[2] ?? 0);
const deflate = (process.argv[3] ?? "1") !== "0";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port,
  fetch(req, server) {
    if ((req.headers.get("upgrade") || "").toLowerCase() !== "websocket") {
      return new Response("Expected Upgrade: websocket\n", { status: 426, headers: { Upgrade: "websocket" } });
    }
    if (server.upgrade(req)) return;
    return new Response("WebSocket upgrade failed\n", { status: 400 });
  },
  websocket: {
    perMessageDeflate: deflate,
    maxPayloadLength: 64 * 1024 * 1024,
    message(ws, message) {
      ws.send(message, deflate);
    },
  },
});
console.log(`bun ${Bun.version}, permessage-deflate ${deflate ? "on" : "off"}, pid ${process.pid}`);
console.log(`listening on ws://127.0.0.1:${server.port}/`);
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => { server.stop(true); process.exit(0); });
