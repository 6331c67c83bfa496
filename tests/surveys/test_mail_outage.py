"""A mail server that is down never turns a saved change into an error page: the person would
believe nothing was saved and do it again. The change stays saved, the page confirms it, and the
administrators find what could not be sent in the log."""

import logging
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.urls import reverse

from surveys.models import FichaStatus
from tests.surveys.conftest import block_post, initiative_post


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(message, *args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMessage, "send", refuse)


@pytest.mark.usefixtures("reference_data")
def test_a_submission_is_saved_and_confirmed_when_the_mail_server_is_down(as_focal_cr, focal_cr, cr_ficha, mail_server_down, caplog):
    # Transactional: each write commits, and the mail is tried inside the request, as in production.
    focal_cr.email = "ana@mideplan.go.cr"
    focal_cr.save()
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=1))
    as_focal_cr.post(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]), initiative_post())

    with caplog.at_level(logging.ERROR, logger="alianzas.mail"):
        response = as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]), follow=True)

    assert response.status_code == 200 and "Ficha enviada" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == FichaStatus.SUBMITTED
    assert "the submission receipt of ficha" in caplog.text and mail.outbox == []


@pytest.mark.django_db
def test_every_mail_sent_after_a_change_survives_the_outage(mail_server_down, django_capture_on_commit_callbacks, caplog, curator, costa_rica):
    """The helper every mail after a change goes through: nothing raises, everything is logged."""
    from registry.mail import send_after_commit

    with caplog.at_level(logging.ERROR, logger="alianzas.mail"), django_capture_on_commit_callbacks(execute=True):
        send_after_commit(lambda: EmailMessage(subject="x", body="y", to=["a@example.org"]).send(), about="a test message")
    assert "a test message" in caplog.text


def test_no_mail_after_a_change_is_sent_outside_the_helper():
    """Each place that mails after a change uses registry.mail.send_after_commit (or its own
    per-recipient retry), never a bare transaction.on_commit that would raise into the page."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bare = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in (".venv", "tests", "bench"):
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"transaction\.on_commit\((.*)", text):
            if re.search(r"send|mail", match.group(1)) and path.name != "mail.py":
                bare.append(f"{path.relative_to(root)}: {match.group(0)[:80]}")
    # The workshop invitations and surveys try each person on their own and record who was reached.
    assert bare == [
        "training/services.py: transaction.on_commit(lambda: _send_each(messages))",
        "training/services.py: transaction.on_commit(lambda: _send_surveys(messages))",
    ]
