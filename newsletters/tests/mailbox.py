"""A real SMTP server on loopback (aiosmtpd) that keeps what it is sent, for the tests to read.

Addresses can be made to be refused for good (550) or for now (451), and the server can be told
to hold the n-th message, after taking it, until the test lets it answer: the moment a worker
that is killed cannot know whether its message went.
"""

import email
import email.policy
import socket
import threading
from contextlib import closing

from aiosmtpd.controller import Controller


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Mailbox:
    def __init__(self):
        self.messages = []
        self.refused = {}  # address -> SMTP reply for RCPT TO
        self.hold_at = None
        self.holding = threading.Event()
        self.release = threading.Event()
        self.changed = threading.Condition()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refused.get(address)
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.changed:
            self.messages.append((list(envelope.rcpt_tos), message))
            count = len(self.messages)
            self.changed.notify_all()
        if self.hold_at == count:
            self.holding.set()
            self.release.wait(timeout=30)
        return "250 Message accepted for delivery"

    def wait_for(self, count, timeout=20):
        with self.changed:
            return self.changed.wait_for(lambda: len(self.messages) >= count, timeout=timeout)

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]

    def recipients(self):
        return [address for recipients, _ in self.messages for address in recipients]


class SMTPServer:
    def __init__(self):
        self.mailbox = Mailbox()
        self.port = free_port()
        self.controller = Controller(self.mailbox, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc_info):
        self.mailbox.release.set()
        self.controller.stop()
        return False


def parts(message):
    """``(text, html)`` of a message as a reader's mail program shows it."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return (
        text.get_content() if text is not None else "",
        html.get_content() if html is not None else "",
    )
