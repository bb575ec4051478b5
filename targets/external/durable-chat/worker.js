// A chat room on a Durable Object with the WebSocket Hibernation API, the way Cloudflare's
// Durable Objects WebSocket guide builds one: the Worker routes /room/<name> (default "lobby") to
// the room's Durable Object; the object accepts the socket with ctx.acceptWebSocket (so it may be
// evicted from memory while sockets stay open), keeps each member's name in the socket's
// attachment, and handles messages in webSocketMessage.
//
// The room's protocol, JSON text messages:
//   {"type":"join","name":N}          -> to every socket in the room, sender included:
//                                        {"type":"joined","name":N}
//   {"type":"message","text":T}       -> to every socket, sender included:
//                                        {"type":"message","name":N,"text":T}  (N: the name joined
//                                        with on this socket, "anonymous" before a join)
//   anything else (not JSON, an unknown type, a binary message)
//                                     -> to the sender only: {"type":"error","error":...}; the
//                                        connection stays open
//   "ping" (the exact text)           -> "pong", answered by the runtime without waking the object
//                                        (ctx.setWebSocketAutoResponse)
//   a member's socket closing         -> to the others: {"type":"left","name":N}
import { DurableObject } from 'cloudflare:workers';

export class ChatRoom extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'));
  }

  async fetch(request) {
    const [client, server] = Object.values(new WebSocketPair());
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ name: null });
    return new Response(null, { status: 101, webSocket: client });
  }

  broadcast(message, except) {
    const text = JSON.stringify(message);
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      try {
        ws.send(text);
      } catch {
        // a socket that is closing; its webSocketClose follows
      }
    }
  }

  async webSocketMessage(ws, message) {
    const error = (e) => ws.send(JSON.stringify({ type: 'error', error: e }));
    if (typeof message !== 'string') return error('binary messages are not part of this chat');
    let msg;
    try {
      msg = JSON.parse(message);
    } catch {
      return error('not JSON');
    }
    if (msg?.type === 'join' && typeof msg.name === 'string' && msg.name !== '') {
      ws.serializeAttachment({ name: msg.name });
      this.broadcast({ type: 'joined', name: msg.name });
    } else if (msg?.type === 'message' && typeof msg.text === 'string') {
      const name = ws.deserializeAttachment()?.name ?? 'anonymous';
      this.broadcast({ type: 'message', name, text: msg.text });
    } else {
      error('expected {"type":"join","name":...} or {"type":"message","text":...}');
    }
  }

  async webSocketClose(ws, code, reason, wasClean) {
    const name = ws.deserializeAttachment()?.name;
    if (name) this.broadcast({ type: 'left', name }, ws);
    // Answer the client's Close, as the Durable Objects WebSocket guide does: for a hibernatable
    // socket workerd 1.20261117.1 does not send the reply itself, even from compatibilityDate
    // 2026-04-07 (web_socket_auto_reply_to_close), so without this the client waits for it.
    // 1005 (no code) and 1006 (no Close frame) cannot be sent: close() without a code then.
    try {
      if (code === 1005 || code === 1006) ws.close();
      else ws.close(code, reason);
    } catch {
      // already closed
    }
  }

  async webSocketError(ws, error) {
    const name = ws.deserializeAttachment()?.name;
    if (name) this.broadcast({ type: 'left', name }, ws);
  }
}

export default {
  async fetch(request, env) {
    if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
      return new Response('Expected Upgrade: websocket', { status: 426 });
    }
    const parts = new URL(request.url).pathname.split('/');
    const room = parts[1] === 'room' && parts[2] ? parts[2] : 'lobby';
    const stub = env.ROOMS.get(env.ROOMS.idFromName(room));
    return stub.fetch(request);
  },
};
