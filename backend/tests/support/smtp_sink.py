"""A real SMTP server for the notification tests.

Usage: python3 smtp_sink.py PORT FOLDER

Runs aiosmtpd on 127.0.0.1:PORT and writes every message it accepts into FOLDER as
JSON: the SMTP envelope and the message as Python's e-mail parser decodes it (so the
test checks what a mail client would show, not lettre's encoding). Prints READY once
it listens, and stops when its standard input closes (when the test ends).
"""

import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "content_type": message.get_content_type(),
            "text": body.get_content() if body is not None else "",
        }
        name = "message-%04d.json" % next(self.numbers)
        partial = os.path.join(self.folder, "." + name + ".partial")
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(partial, os.path.join(self.folder, name))
        return "250 Message accepted for delivery"


def main():
    port = int(sys.argv[1])
    folder = sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
