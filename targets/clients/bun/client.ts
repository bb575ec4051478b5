// Bun 1.4.5's global WebSocket (the web API, with whatever extensions Bun offers by default) as a
// client under test, an Autobahn-style driver: getCaseCount, every case one after the other
// echoing each message with its type, then updateReports.
//
//   bun client.ts ws://127.0.0.1:9001 [agent] [1,2,3]
const [base, agent = "bun", only] = process.argv.slice(2);
if (!base) {
  console.error("usage: bun client.ts ws://host:port [agent] [case numbers, comma-separated]");
  process.exit(2);
}
const PER_CASE_MS = 60_000; // the server's own deadlines end a case long before this

/** Opens url, echoes (or collects the text messages) until closed or PER_CASE_MS. */
function session(url: string, echo: boolean): Promise<string[]> {
  return new Promise((resolve) => {
    const texts: string[] = [];
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      console.error(`${url}: ${(e as Error).message}`);
      resolve(texts);
      return;
    }
    ws.binaryType = "arraybuffer";
    const timer = setTimeout(() => {
      console.error(`${url}: still open after ${PER_CASE_MS} ms`);
      ws.close();
      resolve(texts);
    }, PER_CASE_MS);
    ws.onmessage = (e) => {
      if (echo) ws.send(e.data);
      else texts.push(String(e.data));
    };
    ws.onerror = (e) => console.error(`${url}: error ${(e as ErrorEvent).message ?? ""}`);
    ws.onclose = () => {
      clearTimeout(timer);
      resolve(texts);
    };
  });
}

let cases: number[];
if (only) {
  cases = only.split(",").filter(Boolean).map(Number);
} else {
  const [count] = await session(`${base}/getCaseCount`, false);
  cases = Array.from({ length: Number(count) }, (_, i) => i + 1);
}
const a = encodeURIComponent(agent);
for (const n of cases) await session(`${base}/runCase?case=${n}&agent=${a}`, true);
await session(`${base}/updateReports?agent=${a}`, false);
