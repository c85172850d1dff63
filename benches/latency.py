#!/usr/bin/env python3
"""Per-message latency probe for benches/passthrough.sh (stdlib only).

Opens one SMTP session per message, like smtp-source does by default, with a fixed number
of concurrent workers, and measures connect -> final reply to DATA for each message.
Prints one line: count, seconds, messages/s, p50 ms, p99 ms.
"""
import argparse
import asyncio
import time


async def read_reply(reader):
    while True:
        line = await reader.readline()
        if not line:
            raise ConnectionError("closed")
        if line[3:4] != b"-":
            return int(line[:3])


async def one_message(host, port, body):
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection(host, port)
    try:
        assert await read_reply(reader) == 220
        writer.write(b"EHLO probe.test\r\n")
        assert await read_reply(reader) == 250
        writer.write(b"MAIL FROM:<probe@ssss.gouv.qc.ca>\r\nRCPT TO:<sink@ssss.gouv.qc.ca>\r\nDATA\r\n")
        assert await read_reply(reader) == 250
        assert await read_reply(reader) == 250
        assert await read_reply(reader) == 354
        writer.write(body)
        code = await read_reply(reader)
        elapsed = time.perf_counter() - start
        writer.write(b"QUIT\r\n")
        await writer.drain()
        if code != 250:
            raise RuntimeError(f"final reply {code}")
        return elapsed
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--concurrency", type=int, default=20)
    args = parser.parse_args()

    line = b"x" * 76 + b"\r\n"
    lines = max(1, args.size // len(line))
    body = b"Subject: probe\r\n\r\n" + line * lines + b".\r\n"
    queue = asyncio.Queue()
    for _ in range(args.count):
        queue.put_nowait(None)
    latencies = []

    async def worker():
        while True:
            try:
                queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            latencies.append(await one_message(args.host, args.port, body))

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(args.concurrency)))
    total = time.perf_counter() - started
    latencies.sort()
    p50 = latencies[len(latencies) // 2] * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"{len(latencies)} {total:.3f} {len(latencies) / total:.1f} {p50:.2f} {p99:.2f}")


asyncio.run(main())
