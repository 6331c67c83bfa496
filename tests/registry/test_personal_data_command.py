"""`manage.py personal_data export|erase EMAIL`: a person's copy of their data, and their erasure
from every record in one audited transaction."""

import io
import json
import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import timezone

from accounts.tokens import token_create
from registry.choices import Role
from registry.models import AuditEntry, Initiative, User
from registry.privacy import pseudonym
from registry.text import fold
from surveys.intake import upload_receive
from surveys.models import Campaign, Ficha, FichaUpload
from tests.factories import institution_for
from tests.surveys.word_files import answer, blank, saved

pytestmark = pytest.mark.django_db

EMAIL = "mrojas@apccolombia.example.org"
NAME = "María Fernanda Rojas"


@pytest.fixture
def maria(settings, tmp_path):
    """A focal point of Colombia with an account, a ficha, an uploaded Word file and an initiative;
    she also attended a dialogue, where her name was written without accents."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo", stdout=io.StringIO())
    colombia = institution_for("CO", "Agencia Presidencial de Cooperación Internacional de Colombia")
    user = User.objects.create_user(username="mrojas", email=EMAIL.upper(), first_name="María Fernanda", last_name="Rojas", institution=colombia)
    user.groups.add(Group.objects.get(name=Role.FOCAL_POINT))
    now = timezone.now()
    campaign = Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=9))
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Colombia – APC-Colombia")
    answer(document, "Punto focal: nombre y correo electrónico", f"{NAME} <{EMAIL}>")
    answer(document, "Tipo de iniciativa", "2 - Proyecto")
    answer(document, "Nombre de la iniciativa", "Escuelas de paz")
    answer(document, "Actores involucrados", "Ministerio de Educación – Sector público")
    answer(document, "Punto focal de la iniciativa: nombre y correo electrónico", f"{NAME} <{EMAIL}>")
    upload = upload_receive(data=saved(document), name="ficha-colombia.docx", by=user, campaign=campaign)
    from surveys.intake import upload_confirm

    upload_confirm(upload=upload, by=user, replace=False)
    from dialogues.models import Attendance, Dialogue

    Attendance.objects.create(dialogue=Dialogue.objects.filter(status="held").first(), country_id="CO", person="maria fernanda  ROJAS")
    token_create(user=user)
    return user


def everything_stored() -> str:
    """Every text of every row of every table, folded."""
    texts = []
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        fields += [f.name for f in model._meta.concrete_fields if f.get_internal_type() == "ArrayField"]
        for row in model._default_manager.values_list(*fields) if fields else []:
            texts.append(json.dumps(row, ensure_ascii=False, default=str))
    return fold(" ".join(texts))


def test_export_lists_everything_held_about_the_person(maria):
    out = io.StringIO()
    call_command("personal_data", "export", EMAIL, stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["email"] == EMAIL and NAME in exported["names"] and "María Fernanda Rojas" in exported["names"]
    kinds = {record["record"].split(" #")[0] for record in exported["records"]}
    assert {"registry.user", "surveys.ficha", "surveys.fichaupload", "registry.initiative", "dialogues.attendance", "registry.auditentry"} <= kinds
    ficha = next(record for record in exported["records"] if record["record"].startswith("surveys.ficha #"))
    assert ficha["data"] == {"focal_point_email": EMAIL, "focal_point_name": NAME}
    assert "Ficha of" in ficha["about"]
    # Someone else's data is not in her copy.
    assert "asolano@mideplan.example.org" not in out.getvalue()


def test_erase_replaces_the_person_everywhere_in_one_audited_transaction(maria, django_capture_on_commit_callbacks):
    initiative = Initiative.objects.get(name="Escuelas de paz")
    version = initiative.version
    upload = FichaUpload.objects.get(original_name="ficha-colombia.docx")
    stored_file = upload.file.path
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", EMAIL, "--no-input", "--by", "curator", stdout=out)
    stand_in = pseudonym(EMAIL)
    assert f"they now read {stand_in}" in out.getvalue()
    stored = everything_stored()
    for trace in (EMAIL, NAME, "maria fernanda rojas", "mrojas@"):
        assert fold(trace) not in stored, trace
    # Others are untouched.
    assert "asolano@mideplan.example.org" in stored
    ficha = Ficha.objects.get(institution__country_id="CO", campaign=upload.campaign)  # not the demo's 2022 one
    assert ficha.focal_point_name == stand_in and ficha.focal_point_email == f"{stand_in}@erased.invalid"
    initiative.refresh_from_db()
    assert initiative.focal_point_name == stand_in and initiative.version == version + 1
    erased = AuditEntry.objects.filter(action=AuditEntry.Action.ERASE)
    assert erased.count() >= 4 and {entry.actor.username for entry in erased} == {"curator"}
    assert all(entry.changes == {"personal_data": ["…", stand_in]} for entry in erased)
    # The account is closed and its tokens revoked; the original Word file is gone.
    maria.refresh_from_db()
    assert not maria.is_active and not maria.has_usable_password() and maria.auth_token_set.count() == 0
    assert not os.path.exists(stored_file) and "deleted" in out.getvalue()
    # Erasing again finds nothing.
    with pytest.raises(CommandError, match="Nothing is held"):
        call_command("personal_data", "erase", EMAIL, "--no-input")


def test_an_erasure_that_fails_half_way_changes_nothing(maria, monkeypatch):
    from registry import personal_data

    calls = []

    def failing_audit(**kwargs):
        calls.append(kwargs)
        if len(calls) == 3:
            raise RuntimeError("disk full")

    monkeypatch.setattr(personal_data, "audit_record", failing_audit)
    before = everything_stored()
    with pytest.raises(RuntimeError):
        call_command("personal_data", "erase", EMAIL, "--no-input")
    assert everything_stored() == before and fold(NAME) in before


def test_the_command_refuses_what_is_not_an_address_or_a_known_person(db):
    with pytest.raises(CommandError, match="not an e-mail address"):
        call_command("personal_data", "export", "nobody")
    with pytest.raises(CommandError, match="Nothing is held"):
        call_command("personal_data", "erase", "nobody@example.org", "--no-input")
