"""E-mail that tells of a change, sent once the change is saved.

A mail server that is down or refuses a message must not turn a saved submission, invitation or
reply into an error page: the person would think nothing was saved and do it again. What could
not be sent is logged for the administrators, with what it was about."""

import logging
from collections.abc import Callable, Iterable
from smtplib import SMTPException

from django.core.mail import EmailMessage
from django.db import transaction

logger = logging.getLogger("alianzas.mail")
MAIL_FAILURES = (OSError, SMTPException)  # connection refused or lost, and every refusal of the server


def send_after_commit(send: Callable[[], object], about: str) -> None:
    """Run `send` when the current transaction commits (at once outside one); a mail failure is
    logged, never raised. Programming errors still raise: they are bugs, not outages."""

    def attempt():
        try:
            send()
        except MAIL_FAILURES:
            logger.error("E-mail about %s could not be sent; the change it tells of is saved.", about, exc_info=True)

    transaction.on_commit(attempt)


def send_each(messages: Iterable[tuple[EmailMessage, str, Callable[[], object] | None]]) -> int:
    """(message, what it is about, undo) one at a time: a message that fails, however it fails,
    is logged and its `undo` runs (so whoever it was for can be tried again), and the others
    still go. How many went."""
    sent = 0
    for message, about, undo in messages:
        try:
            message.send()
            sent += 1
        except Exception:
            logger.error("E-mail about %s could not be sent.", about, exc_info=True)
            if undo is not None:
                undo()
    return sent
