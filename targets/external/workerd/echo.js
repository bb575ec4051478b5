// The echo Worker of Cloudflare's WebSocket guide ("Using the WebSockets API"), as a reader of the
// guide writes it: the Upgrade check answers 426 (compared case-sensitively, exactly as in the
// guide), a WebSocketPair, server.accept(), and every message event sent back. No close
// listener: before compatibility date 2026-04-07 (web_socket_auto_reply_to_close) the runtime
// then never answers a client's Close frame, which is part of what this target shows.
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

    return new Response(null, { status: 101, webSocket: client });
  },
};
