// A Worker as a WebSocket client, as Cloudflare's guide "Write a WebSocket client" opens one:
// `new WebSocket(url)`. The driver calls it with /?url=<the case's ws:// URL>; it echoes every
// message back as it came (binaryType arraybuffer: with websocket_standard_binary_type a Blob
// would be sent back as the text "[object Blob]") and answers the driver's request once the
// WebSocket has closed.
export default {
  async fetch(request) {
    const url = new URL(request.url).searchParams.get("url");
    const websocket = new WebSocket(url);
    websocket.binaryType = "arraybuffer";
    const closed = new Promise((resolve) => {
      websocket.addEventListener("close", (e) => resolve(`closed ${e.code}`));
      websocket.addEventListener("error", (e) => resolve(`error ${e.message ?? ""}`));
    });
    websocket.addEventListener("message", (event) => {
      websocket.send(event.data);
    });
    return new Response(await closed);
  },
};
