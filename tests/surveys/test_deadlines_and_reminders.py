"""A campaign's deadline kept: reminders before it closes (scheduled and by hand), extensions for
one institution, late work refused, and the technical unit told of what arrives."""

from datetime import datetime, timedelta
from datetime import UTC

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from registry.choices import Role
from registry.models import User
from surveys import services
from surveys.models import Campaign, CampaignExtension, CampaignReminder, Ficha, FichaStatus, NoticeFrequency, SubmissionNotices
from surveys.notifications import send_digests
from surveys.reminders import reminder_send_by_hand, send_due_reminders
from tests.factories import institution_for
from tests.surveys.conftest import block_post, initiative_post

pytestmark = pytest.mark.django_db

OPENS = datetime(2026, 3, 1, 12, tzinfo=UTC)
CLOSES = datetime(2026, 6, 30, 23, 59, tzinfo=UTC)
BASE = "https://alianzas.example.org"


def person(username: str, role: str, institution=None, email: str | None = None, **extra) -> User:
    user = User.objects.create_user(
        username=username, password="secret-pass-123", institution=institution,
        email=email if email is not None else f"{username}@example.org", **extra,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def yearly(db):
    return Campaign.objects.create(name="Relevamiento 2026", name_pt="Levantamento 2026", opens_at=OPENS, closes_at=CLOSES,
                                   reminder_days=[14, 3])


@pytest.fixture
def invited(yearly):
    """Costa Rica has not started; Brazil has a draft; Argentina has submitted; Chile has nobody."""
    cr, br, ar, cl = (institution_for(code) for code in ("CR", "BR", "AR", "CL"))
    person("ana_cr", Role.FOCAL_POINT, cr)
    person("luis_cr", Role.FOCAL_POINT, cr)
    person("gone_cr", Role.FOCAL_POINT, cr, is_active=False)
    person("joao_br", Role.FOCAL_POINT, br)
    person("eva_ar", Role.FOCAL_POINT, ar)
    Ficha.objects.create(campaign=yearly, institution=br)
    Ficha.objects.create(campaign=yearly, institution=ar, status=FichaStatus.SUBMITTED)
    return {"CR": cr, "BR": br, "AR": ar, "CL": cl}


def sent_to() -> dict[str, list[str]]:
    return {message.subject: sorted(message.to) for message in mail.outbox}


def remind_at(moment: datetime) -> int:
    with time_machine.travel(moment, tick=False):
        return send_due_reminders(base_url=BASE)


def test_scheduled_reminders_go_once_to_the_unfinished_institutions_in_their_language(invited, yearly):
    assert remind_at(CLOSES - timedelta(days=20)) == 0
    assert remind_at(CLOSES - timedelta(days=14) + timedelta(hours=1)) == 2
    assert sorted(sorted(message.to) for message in mail.outbox) == [
        ["ana_cr@example.org", "luis_cr@example.org"], ["joao_br@example.org"],
    ]
    spanish, portuguese = sorted(mail.outbox, key=lambda message: message.to[0])
    assert spanish.subject.startswith("Recordatorio") and "Relevamiento 2026" in spanish.subject
    assert "Su institución aún no ha comenzado su ficha" in spanish.body and f"{BASE}/survey/" in spanish.body
    assert portuguese.subject.startswith("Lembrete") and "Levantamento 2026" in portuguese.subject
    assert "America/Sao_Paulo" in portuguese.body  # the closing on the recipient's clock
    # Run again the same day, or the next: nothing twice.
    assert remind_at(CLOSES - timedelta(days=14) + timedelta(hours=2)) == 0
    assert remind_at(CLOSES - timedelta(days=13)) == 0
    assert remind_at(CLOSES - timedelta(days=2)) == 2
    assert remind_at(CLOSES + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 4
    assert set(CampaignReminder.objects.values_list("institution__country_id", "days_before")) == {
        ("CR", 14), ("BR", 14), ("CR", 3), ("BR", 3),
    }


def test_a_sender_that_missed_days_sends_only_the_nearest_reminder(invited, yearly):
    assert remind_at(CLOSES - timedelta(days=1)) == 2
    assert len(mail.outbox) == 2 and set(CampaignReminder.objects.values_list("days_before", flat=True)) == {3}


def test_a_submitted_ficha_stops_the_reminders(invited, yearly):
    Ficha.objects.filter(institution=invited["BR"]).update(status=FichaStatus.SUBMITTED)
    assert remind_at(CLOSES - timedelta(days=10)) == 1
    assert mail.outbox[0].to == ["ana_cr@example.org", "luis_cr@example.org"]


def test_the_reminders_follow_an_institutions_extension(invited, yearly):
    curator = person("curator_x", Role.TECHNICAL_UNIT, is_staff=True)
    with time_machine.travel(CLOSES - timedelta(days=1), tick=False):
        services.campaign_extend(campaign=yearly, institution=invited["CR"], closes_at=CLOSES + timedelta(days=10), reason="Cambio de gobierno", by=curator)
    # Brazil's 3-day reminder, and Costa Rica's 14-day one counted from its own, later closing.
    assert remind_at(CLOSES - timedelta(days=2)) == 2
    assert set(CampaignReminder.objects.values_list("institution__country_id", "days_before")) == {("BR", 3), ("CR", 14)}
    assert remind_at(CLOSES + timedelta(hours=1)) == 0  # closed for Brazil; not yet Costa Rica's 3 days
    assert remind_at(CLOSES + timedelta(days=7, hours=1)) == 1
    assert mail.outbox[-1].to == ["ana_cr@example.org", "luis_cr@example.org"]


def test_the_command_sends_the_reminders_and_the_digests(invited, yearly, capsys):
    with time_machine.travel(CLOSES - timedelta(days=3), tick=False):
        call_command("send_survey_notices", base_url=BASE)
    assert "Reminders sent to 2 institution(s)" in capsys.readouterr().out


def test_the_technical_unit_reminds_by_hand_and_the_progress_page_shows_it(invited, yearly, client):
    curator = person("curator_x", Role.TECHNICAL_UNIT, is_staff=True)
    client.force_login(curator)
    with time_machine.travel(CLOSES - timedelta(days=30), tick=False):
        response = client.post(reverse("surveys:campaign_remind", args=[yearly.pk, invited["CR"].pk]), follow=True)
        assert "Recordatorio enviado a 2 puntos focales" in response.text
        assert mail.outbox[0].to == ["ana_cr@example.org", "luis_cr@example.org"]
        record = CampaignReminder.objects.get()
        assert record.days_before is None and record.sent_by == curator and record.recipients == 2
        progress = response.context["progress"]
        rows = {item.institution.country_id: item for row in progress["countries"] for item in row["institutions"]}
        assert rows["CR"].last_reminder == record and rows["BR"].last_reminder is None
        assert progress["totals"] == {"invited": 3, "started": 2, "submitted": 1, "returned": 0, "accepted": 0}
        assert "CL" not in rows  # nobody to invite there yet
        # Nothing to remind an institution that has submitted, or one nobody can receive.
        refused = client.post(reverse("surveys:campaign_remind", args=[yearly.pk, invited["AR"].pk]), follow=True)
        assert "ya envió su ficha" in refused.text
        refused = client.post(reverse("surveys:campaign_remind", args=[yearly.pk, invited["CL"].pk]), follow=True)
        assert "no tiene ningún punto focal con correo" in refused.text
    assert CampaignReminder.objects.count() == 1 and len(mail.outbox) == 1


def test_only_the_technical_unit_reminds(invited, yearly):
    focal = User.objects.get(username="ana_cr")
    with pytest.raises(Exception) as raised:
        reminder_send_by_hand(campaign=yearly, institution=invited["CR"], by=focal, base_url=BASE)
    assert raised.type.__name__ == "PermissionDenied"


@pytest.mark.parametrize(("persona", "status"), [("as_anonymous", 302), ("as_analyst", 403), ("as_focal_cr", 403)])
def test_reminding_extending_and_choosing_notices_are_for_the_technical_unit(request, persona, status, campaign, costa_rica):
    client = request.getfixturevalue(persona)
    remind = reverse("surveys:campaign_remind", args=[campaign.pk, costa_rica.pk])
    extension = reverse("surveys:campaign_extension", args=[campaign.pk, costa_rica.pk])
    assert client.post(remind).status_code == status
    assert client.get(extension).status_code == status
    assert client.post(extension, {"closes_at": "2099-01-01T10:00"}).status_code == status
    assert client.post(reverse("surveys:notices_choose"), {"frequency": "off"}).status_code == status
    assert not CampaignExtension.objects.exists() and not CampaignReminder.objects.exists()
    assert not SubmissionNotices.objects.exists()


def test_after_closing_only_an_extended_institution_may_still_fill_in_and_submit(as_focal_cr, as_focal_ar, as_curator, closed_campaign, costa_rica, argentina):
    cr_ficha = Ficha.objects.create(campaign=closed_campaign, institution=costa_rica)
    ar_ficha = Ficha.objects.create(campaign=closed_campaign, institution=argentina)
    url = reverse("surveys:campaign_extension", args=[closed_campaign.pk, costa_rica.pk])
    # A closing earlier than the campaign's is refused, with why, and changes nothing.
    refused = as_curator.post(url, {"closes_at": "2020-01-01T10:00", "reason": ""})
    assert "debe ser posterior al cierre de la campaña" in refused.text and not CampaignExtension.objects.exists()
    response = as_curator.post(url, {"closes_at": "2099-01-01T10:00", "reason": "Cambio de gobierno"}, follow=True)
    assert "Se extendió la campaña para" in response.text
    extension = CampaignExtension.objects.get()
    assert extension.closes_at.isoformat().startswith("2099-01-01")

    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=1, institutional_strengths="A tiempo"))
    as_focal_cr.post(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]), initiative_post())
    cr_ficha.refresh_from_db()
    assert cr_ficha.institutional_strengths == "A tiempo" and cr_ficha.initiatives.count() == 1
    submitted = as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]), follow=True)
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == FichaStatus.SUBMITTED, submitted.text

    late = as_focal_ar.post(reverse("surveys:ficha_detail", args=[ar_ficha.pk]), block_post(version=1, institutional_strengths="Tarde"), follow=True)
    ar_ficha.refresh_from_db()
    assert ar_ficha.institutional_strengths == "" and "pida a la unidad técnica del PIFCSS que extienda" in late.text
    home = as_focal_cr.get(reverse("surveys:survey_home")).text
    assert "extendida para su institución" in home


def test_taking_an_extension_back_closes_the_ficha_again(as_curator, as_focal_cr, closed_campaign, costa_rica, curator):
    ficha = Ficha.objects.create(campaign=closed_campaign, institution=costa_rica)
    services.campaign_extend(campaign=closed_campaign, institution=costa_rica, closes_at=datetime(2099, 1, 1, tzinfo=UTC), reason="", by=curator)
    assert Ficha.objects.get(pk=ficha.pk).is_editable
    url = reverse("surveys:campaign_extension", args=[closed_campaign.pk, costa_rica.pk])
    response = as_curator.post(url, {"remove": "1"}, follow=True)
    assert "vuelve al cierre de la campaña" in response.text
    assert not Ficha.objects.get(pk=ficha.pk).is_editable
    with pytest.raises(ValidationError):
        services.ficha_update_block(ficha=ficha, data={"institutional_strengths": "Tarde"}, expected_version=1, by=User.objects.get(username="focal_cr"))


def test_the_technical_unit_is_told_of_each_submission_as_each_member_chose(
    as_focal_cr, cr_ficha, django_capture_on_commit_callbacks
):
    each = person("unit_each", Role.TECHNICAL_UNIT)
    daily = person("unit_daily", Role.TECHNICAL_UNIT)
    silent = person("unit_off", Role.TECHNICAL_UNIT)
    SubmissionNotices.objects.create(user=daily, frequency=NoticeFrequency.DAILY)
    SubmissionNotices.objects.create(user=silent, frequency=NoticeFrequency.OFF)
    as_focal_cr.post(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk]), initiative_post())
    as_focal_cr.post(reverse("surveys:ficha_detail", args=[cr_ficha.pk]), block_post(version=1))
    with django_capture_on_commit_callbacks(execute=True):
        as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]))
    notices = [message for message in mail.outbox if message.subject.startswith("Ficha enviada")]
    assert [message.to for message in notices] == [[each.email]]
    assert f"/survey/fichas/{cr_ficha.pk}/review/" in notices[0].body

    # The daily member gets it the next day, once.
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=1), tick=False):
        assert send_digests() == 1
    digest = mail.outbox[-1]
    assert digest.to == [daily.email] and "1 fichas enviadas" in digest.subject and "Costa Rica" in digest.body
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=5), tick=False):
        assert send_digests() == 0
    assert not [message for message in mail.outbox if silent.email in message.to]


def test_a_member_chooses_their_notices_and_sees_what_waits(as_curator, curator, cr_ficha):
    Ficha.objects.filter(pk=cr_ficha.pk).update(status=FichaStatus.SUBMITTED)
    page = as_curator.get(reverse("surveys:survey_home")).text
    assert "1 ficha enviada espera revisión" in page
    response = as_curator.post(reverse("surveys:notices_choose"), {"frequency": "daily"}, follow=True)
    assert SubmissionNotices.objects.get(user=curator).frequency == NoticeFrequency.DAILY
    assert "Guardado" in response.text
    as_curator.post(reverse("surveys:notices_choose"), {"frequency": "nonsense"})
    assert SubmissionNotices.objects.get(user=curator).frequency == NoticeFrequency.DAILY


def test_the_progress_page_runs_a_constant_number_of_queries(as_curator, yearly, django_assert_max_num_queries):
    for code in ("CR", "BR", "AR", "CL", "UY", "PE"):
        institution = institution_for(code)
        person(f"focal_{code}", Role.FOCAL_POINT, institution)
        Ficha.objects.create(campaign=yearly, institution=institution)
        CampaignReminder.objects.create(campaign=yearly, institution=institution, recipients=1, language="es")
    with django_assert_max_num_queries(14):
        assert as_curator.get(reverse("surveys:campaign_progress", args=[yearly.pk])).status_code == 200


def test_a_word_ficha_after_closing_is_refused_unless_the_institution_was_given_more_time(
    as_focal_cr, closed_campaign, costa_rica, curator, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from surveys.models import FichaUpload
    from tests.surveys.word_files import filled_ficha

    settings.MEDIA_ROOT = tmp_path / "media"
    data = filled_ficha(closed_campaign)

    def send():
        return as_focal_cr.post(reverse("surveys:upload"), {"files": SimpleUploadedFile("ficha.docx", data)}, follow=True)

    member = person("unit_each", Role.TECHNICAL_UNIT)
    late = send()
    assert "La campaña está cerrada" in late.text and not FichaUpload.objects.exists()
    services.campaign_extend(campaign=closed_campaign, institution=costa_rica, closes_at=datetime(2099, 1, 1, tzinfo=UTC), reason="", by=curator)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    upload = FichaUpload.objects.get()
    assert upload.institution == costa_rica
    # The technical unit is told that a file arrived.
    notices = [message for message in mail.outbox if message.subject.startswith("Ficha Word recibida")]
    assert [message.to for message in notices] == [[member.email]]
    assert f"/survey/uploads/{upload.pk}/" in notices[0].body


def test_a_member_who_uploads_a_file_is_not_told_of_it(closed_campaign, costa_rica, curator, settings, tmp_path, django_capture_on_commit_callbacks):
    from surveys import intake
    from tests.surveys.word_files import filled_ficha

    settings.MEDIA_ROOT = tmp_path / "media"
    uploader, other = person("unit_uploads", Role.TECHNICAL_UNIT), person("unit_other", Role.TECHNICAL_UNIT)
    services.campaign_extend(campaign=closed_campaign, institution=costa_rica, closes_at=datetime(2099, 1, 1, tzinfo=UTC), reason="", by=curator)
    with django_capture_on_commit_callbacks(execute=True):
        intake.upload_receive(data=filled_ficha(closed_campaign), name="f.docx", by=uploader, campaign=closed_campaign)
    assert [message.to for message in mail.outbox] == [[other.email]]


def test_an_institution_is_reminded_when_any_of_its_focal_points_has_an_address(invited, yearly):
    person("sin_correo_br", Role.FOCAL_POINT, invited["BR"], email="")
    person("sin_correo_cl", Role.FOCAL_POINT, invited["CL"], email="")
    assert remind_at(CLOSES - timedelta(days=3)) == 2
    assert sorted(message.to for message in mail.outbox) == [["ana_cr@example.org", "luis_cr@example.org"], ["joao_br@example.org"]]
