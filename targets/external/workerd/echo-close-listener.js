// The guide's echo Worker (see echo.js) plus the close listener a Worker needs before
// compatibility date 2026-04-07 to answer the client's Close frame: it echoes the client's code
// (1005, "no code", cannot be sent, so 1000 instead) and reason.
export default {
  async fetch(request, env, ctx) {
    const upgradeHeader = request.headers.get("Upgrade");
    if (!upgradeHeader || upgradeHeader !== "websocket") {
      return new Response("Expected Upgrade: websocket", { status: 426 });
    }

    const webSocketPair = new WebSocketPair();
    const [client, server] = Object.values(webSocketPair);

    server.accept();
    server.addEventListener("message", (event) => {
      server.send(event.data);
    });
    server.addEventListener("close", (event) => {
      try {
        server.close(event.code === 1005 ? 1000 : event.code, event.reason);
      } catch (err) {
        // already closed (e.g. the runtime answered itself): nothing to do
      }
    });

    return new Response(null, { status: 101, webSocket: client });
  },
};
