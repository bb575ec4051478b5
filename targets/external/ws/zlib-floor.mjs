// zlib-floor: the CPU time Node's zlib alone needs for the permessage-deflate work a ws 8.18.3
// server does in Autobahn's 12.* and 13.* (216 cases x 1000 round trips, ~10.9 GB each way):
// inflate every incoming message, deflate every echo at ws's defaults (level 6, memLevel 8,
// threshold 1024: shorter echoes go uncompressed), with each group's agreed window and context
// takeover. No sockets, no JavaScript framing: a lower bound for ws's CPU in those cases,
// whatever client drives them. A benchmark, not a test (scripts/bench-compression --floor).
//   node zlib-floor.mjs PAYLOAD_DIR [sample=100]
// PAYLOAD_DIR holds the five payload sets as CompressionPayloads writes them (p0.txt .. p4.bin).
// Each case is measured on `sample` consecutive messages and scaled to Autobahn's 1000.
import fs from 'node:fs';
import zlib from 'node:zlib';

const dir = process.argv[2];
const sample = Number(process.argv[3] ?? 100);
const sets = fs.readdirSync(dir).filter((f) => /^p\d\./.test(f)).sort().map((f) => fs.readFileSync(`${dir}/${f}`));
if (sets.length !== 5) throw new Error(`expected the five payload sets p0..p4 in ${dir}, found ${sets.length}`);
// Autobahn's MSG_SIZES (fragmentation does not change the bytes compressed)
const sizes = [16, 64, 256, 1024, 4096, 8192, 16384, 32768, 65536, 131072,
  8192, 16384, 32768, 65536, 131072, 131072, 131072, 131072];
// 12.1-12.5: every set, ws's default answer (context takeover, window 15); 13.1-13.7: the JSON set
// with what ws agrees to for Autobahn's offers (server_no_context_takeover, server_max_window_bits)
const groups = [
  ...sets.map((data, i) => ({ name: `12.${i + 1}`, data, noContext: false, bits: 15 })),
  { name: '13.1', data: sets[0], noContext: false, bits: 15 },
  { name: '13.2', data: sets[0], noContext: true, bits: 15 },
  { name: '13.3', data: sets[0], noContext: false, bits: 9 },
  { name: '13.4', data: sets[0], noContext: false, bits: 15 },
  { name: '13.5', data: sets[0], noContext: true, bits: 9 },
  { name: '13.6', data: sets[0], noContext: true, bits: 15 },
  { name: '13.7', data: sets[0], noContext: true, bits: 9 },
];

// ws keeps one zlib stream per direction and connection, writes a message and flushes it with
// Z_SYNC_FLUSH, collecting the output: the same calls here (zlib works in libuv's threads, which
// process.cpuUsage counts).
const flushed = (stream, buf) => new Promise((resolve) => {
  const chunks = [];
  const onData = (c) => chunks.push(c);
  stream.on('data', onData);
  stream.write(buf);
  stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
    stream.off('data', onData);
    resolve(Buffer.concat(chunks));
  });
});

let bytes = 0;
let cpu = 0;
for (const g of groups) {
  for (const size of sizes) {
    // the client's messages, compressed beforehand (the client's work, not ws's): level 1, one stream
    const client = zlib.createDeflateRaw({ level: 1 });
    const messages = [];
    const incoming = [];
    let pointer = 0;
    for (let n = 0; n < sample; n++) {
      let msg = g.data.subarray(pointer, pointer + size);
      if (msg.length < size) msg = Buffer.concat([msg, g.data.subarray(0, size - msg.length)]);
      pointer = (pointer + size) % g.data.length;
      messages.push(msg);
      incoming.push(await flushed(client, msg));
    }
    client.close();
    const inflater = zlib.createInflateRaw({ windowBits: 15 });
    const deflater = zlib.createDeflateRaw({ level: zlib.constants.Z_DEFAULT_COMPRESSION, memLevel: 8, windowBits: g.bits });
    const t0 = process.cpuUsage();
    for (let n = 0; n < sample; n++) {
      await flushed(inflater, incoming[n]);
      if (size >= 1024) {
        await flushed(deflater, messages[n]);
        if (g.noContext) deflater.reset(); // ws: reset() after each message without context takeover
      }
    }
    const u = process.cpuUsage(t0);
    inflater.close();
    deflater.close();
    cpu += (u.user + u.system) / 1e6;
    bytes += size * sample;
  }
}
const scale = 1000 / sample;
console.log(`ws's zlib work in 12.*+13.*: ${(bytes * scale / 1e9).toFixed(2)} GB each way, ` +
  `${(cpu * scale).toFixed(0)} s CPU (measured on ${sample} of 1000 messages per case, scaled), ` +
  `so at least ${(cpu * scale / 2).toFixed(0)} s wall even with both cores doing nothing else`);
