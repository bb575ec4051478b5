"""A pure echo server on Debian's python3-websockets 10.4 (asyncio API): every message goes back
with its type, nothing else is sent. Usage:

    /usr/bin/python3 echo.py [port=0] [deflate=1]

Prints "listening on ws://127.0.0.1:PORT/" once it accepts connections (port 0 = ephemeral).
Loopback only. Debian installs the package into its own Python, hence /usr/bin/python3.
"""
import asyncio
import os
import sys

import websockets

port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
deflate = len(sys.argv) < 3 or sys.argv[2] != "0"


async def echo(ws, path=None):
    async for message in ws:  # str for text, bytes for binary: sent back as the same type
        await ws.send(message)


async def main():
    async with websockets.serve(echo, "127.0.0.1", port, compression="deflate" if deflate else None,
                                max_size=64 * 2**20) as server:
        actual = server.sockets[0].getsockname()[1]
        print(f"python websockets {websockets.__version__}, permessage-deflate {'on' if deflate else 'off'},"
              f" pid {os.getpid()}", flush=True)
        print(f"listening on ws://127.0.0.1:{actual}/", flush=True)
        await asyncio.Future()


asyncio.run(main())
