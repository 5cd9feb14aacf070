"""The stack's outgoing mail, read as a person reads their inbox.

Without an email provider (ANYMAIL_ESP) the stack's worker hands every message to the file
backend, which appends it to a file under $VAR_DIR/mail/, each message followed by a line of
79 dashes. The smoke test and the load test read verification codes from there, so a code
they use is one the platform really queued, delivered and wrote.
"""

import email
import email.policy
import re
import time
from pathlib import Path

SEPARATOR = b"\n" + b"-" * 79 + b"\n"
CODE = re.compile(r"^\s*(\d{6})\s*$", re.MULTILINE)


class MailNotDelivered(Exception):
    pass


class Mailbox:
    def __init__(self, folder):
        self.folder = Path(folder)
        self._parsed = {}  # file -> (its size when read, its messages)

    def messages(self):
        """Every message written so far; a file is read again only when it has grown."""
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.iterdir()):
            size = path.stat().st_size
            known = self._parsed.get(path)
            if known is None or known[0] != size:
                parts = path.read_bytes().split(SEPARATOR)
                known = (size, [_parse(part) for part in parts if part.strip()])
                self._parsed[path] = known
            yield from known[1]

    def code_for(self, address, *, timeout=60, poll=0.25):
        """The six-digit code in the latest message to `address`, waiting for it to arrive."""
        deadline = time.monotonic() + timeout
        while True:
            codes = [
                match[1]
                for message in self.messages()
                if address in message.get("To", "")
                for match in [CODE.search(_text_of(message))]
                if match
            ]
            if codes:
                return codes[-1]
            if time.monotonic() > deadline:
                raise MailNotDelivered(f"no code for {address} in {self.folder} after {timeout}s")
            time.sleep(poll)


def _parse(raw):
    return email.message_from_bytes(raw.strip(b"\n"), policy=email.policy.default)


def _text_of(message):
    try:
        body = message.get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else ""
    except (KeyError, LookupError, ValueError):  # a message still being written
        return ""
