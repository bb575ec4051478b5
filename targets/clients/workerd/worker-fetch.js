// A Worker as a WebSocket client, the guide's other way: fetch(url, {headers: {Upgrade:
// "websocket"}}), then resp.webSocket.accept(). fetch() takes http(s) URLs, so the case's ws://
// URL is asked for as http://. It echoes every message back as it came and answers the driver's
// request once the WebSocket has closed (or at once when the server refused the upgrade).
// binaryType is set as in worker-websocket.js, so that the two differ only in how they connect.
export default {
  async fetch(request) {
    const url = new URL(request.url).searchParams.get("url").replace(/^ws/, "http");
    let resp;
    try {
      resp = await fetch(url, { headers: { Upgrade: "websocket" } });
    } catch (e) {
      return new Response(`fetch failed: ${e.message}`);
    }
    const ws = resp.webSocket;
    if (!ws) return new Response(`server didn't accept WebSocket: ${resp.status}`);
    // as in worker-websocket.js: a Blob would be echoed as the text "[object Blob]"
    ws.binaryType = "arraybuffer";
    ws.accept();
    const closed = new Promise((resolve) => {
      ws.addEventListener("close", (e) => resolve(`closed ${e.code}`));
      ws.addEventListener("error", (e) => resolve(`error ${e.message ?? ""}`));
    });
    ws.addEventListener("message", (event) => {
      ws.send(event.data);
    });
    return new Response(await closed);
  },
};
