"""A mail server that keeps what it is sent, for the topology test.

    python scripts/smtp_sink.py PORT FOLDER

Listens on 127.0.0.1:PORT, speaks just enough SMTP for Django's SMTP backend
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and writes each message it
accepts to FOLDER as <n>.eml. No relaying, no authentication, loopback only.
"""

import asyncio
import itertools
import sys
from pathlib import Path

counter = itertools.count(1)


async def session(reader, writer, folder):
    def reply(line):
        writer.write(line.encode() + b"\r\n")

    reply("220 smtp-sink ready")
    recipients = []
    while not reader.at_eof():
        await writer.drain()
        line = (await reader.readline()).decode(errors="replace").rstrip("\r\n")
        command = line[:4].upper()
        if command in {"EHLO", "HELO"}:
            reply("250 smtp-sink")
        elif command == "MAIL":
            recipients = []
            reply("250 OK")
        elif command == "RCPT":
            recipients.append(line.partition(":")[2].strip())
            reply("250 OK")
        elif command == "DATA":
            reply("354 End data with <CR><LF>.<CR><LF>")
            await writer.drain()
            lines = []
            while True:
                data = await reader.readline()
                if not data or data in {b".\r\n", b".\n"}:
                    break
                lines.append(data[1:] if data.startswith(b"..") else data)
            (folder / f"{next(counter)}.eml").write_bytes(b"".join(lines))
            reply("250 OK queued")
        elif command in {"RSET", "NOOP"}:
            reply("250 OK")
        elif command == "QUIT":
            reply("221 Bye")
            break
        elif line:
            reply("502 Command not implemented")
    await writer.drain()
    writer.close()


async def main(port, folder):
    server = await asyncio.start_server(
        lambda r, w: session(r, w, folder), host="127.0.0.1", port=port
    )
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    out = Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    asyncio.run(main(int(sys.argv[1]), out))
