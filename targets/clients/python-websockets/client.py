"""Debian's python3-websockets 10.4 as a client under test, modelled on the library's own
Autobahn client driver (compliance/test_client.py in python-websockets/websockets): getCaseCount,
every case one after the other echoing each message with its type, then updateReports. The asyncio
client with compression="deflate" (its default, said here: permessage-deflate offered).

    /usr/bin/python3 client.py ws://127.0.0.1:9001 [agent] [1,2,3]
"""

import asyncio
import sys
import urllib.parse

import websockets

PER_CASE_S = 60  # the server's own deadlines end a case long before this


def connect(url):
    # 2**25: 9.* sends messages of up to 16 MiB (the library's compliance driver uses the same)
    return websockets.connect(url, compression="deflate", max_size=2**25, max_queue=1)


async def run_case(url):
    try:
        async with connect(url) as ws:
            async for msg in ws:
                await ws.send(msg)
    except websockets.exceptions.WebSocketException as e:
        print(f"{url}: {e!r}", file=sys.stderr)
    except OSError as e:
        print(f"{url}: {e!r}", file=sys.stderr)


async def text(url):
    async with connect(url) as ws:
        return await ws.recv()


async def main():
    if len(sys.argv) < 2:
        print("usage: client.py ws://host:port [agent] [case numbers]", file=sys.stderr)
        sys.exit(2)
    base = sys.argv[1]
    agent = urllib.parse.quote(sys.argv[2] if len(sys.argv) > 2 else "python-websockets")
    only = sys.argv[3] if len(sys.argv) > 3 else ""
    if only:
        cases = [int(n) for n in only.split(",") if n]
    else:
        cases = range(1, int(await text(f"{base}/getCaseCount")) + 1)
    for n in cases:
        url = f"{base}/runCase?case={n}&agent={agent}"
        try:
            await asyncio.wait_for(run_case(url), PER_CASE_S)
        except asyncio.TimeoutError:
            print(f"{url}: still open after {PER_CASE_S} s", file=sys.stderr)
    try:
        await text(f"{base}/updateReports?agent={agent}")
    except websockets.exceptions.ConnectionClosed:
        pass  # the reports are written before the server closes


asyncio.run(main())
