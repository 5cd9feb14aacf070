"""The embedded mode's mail: each message is written under $VAR_DIR/mail/ and to the console,
so that a person running the platform with no email provider can still read their code."""

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FileAndConsoleEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently=False, **kwargs):
        super().__init__(fail_silently=fail_silently)
        self.backends = [
            FileBackend(fail_silently=fail_silently, **kwargs),
            ConsoleBackend(fail_silently=fail_silently, **kwargs),
        ]

    def send_messages(self, email_messages):
        sent = 0
        for backend in self.backends:
            sent = backend.send_messages(email_messages)
        return sent
