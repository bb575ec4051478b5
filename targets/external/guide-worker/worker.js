// The Worker of Cloudflare's guide "Using the WebSockets API" (section "Write a WebSocket Server"),
// as the guide's last server listing has it: the Upgrade check (426 unless the header is exactly
// "websocket"), a WebSocketPair, server.accept(), and a message listener that only logs the data.
// It never sends anything: a `silent` peer. The guide gives handleRequest only; the one line a
// reader adds to deploy it as a module Worker is the export at the end.
async function handleRequest(request) {
  const upgradeHeader = request.headers.get('Upgrade');
  if (!upgradeHeader || upgradeHeader !== 'websocket') {
    return new Response('Expected Upgrade: websocket', { status: 426 });
  }

  const webSocketPair = new WebSocketPair();
  const [client, server] = Object.values(webSocketPair);

  server.accept();
  server.addEventListener('message', event => {
    console.log(event.data);
  });

  return new Response(null, {
    status: 101,
    webSocket: client,
  });
}

export default { fetch: handleRequest };
