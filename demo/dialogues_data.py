"""The dialogues and the seminar of the PIFCSS final report (000_381a7b609e67a35c.txt): four
dialogues organised, one not held because of the presenting country's agenda, three held of
which one bilateral, all focused on results; and the virtual seminar of 7 December with its
panel of non-state actors (133 people at the peak, never fewer than 90). Which initiatives each
dialogue presented is not in the report: the pairs below are illustrations."""

from datetime import UTC, datetime

from django.db import transaction

from dialogues.models import (
    Attendance,
    Dialogue,
    DialogueFormat,
    DialogueStatus,
    FollowUpAction,
    Interest,
    Invitee,
    Panelist,
    Seminar,
)
from registry.choices import ActorType
from demo.registry_data import FOCAL_POINTS
from registry.models import Country, Initiative, Institution

# (initiative name starts with, presenting country, interested countries)
INTERESTS = [
    ("Siembra y Cosecha de Agua", "CR", ["AR", "CL", "PE"]),
    ("Proyecto piloto de restauración de arrecifes", "CR", ["DO", "CO"]),
    ("Jóvenes Construyendo el Futuro", "SV", ["PY", "DO"]),
    ("APICARIBE", "AR", ["CR"]),
]

# (title, presented initiative prefixes, invited, format, status, start UTC, reason)
DIALOGUES = [
    ("Diálogo sobre Siembra y Cosecha de Agua", ["Siembra y Cosecha de Agua"], ["AR", "CL", "PE"],
     DialogueFormat.MULTILATERAL, DialogueStatus.HELD, datetime(2021, 11, 9, 15, 0, tzinfo=UTC), ""),
    ("Diálogo bilateral Argentina – Costa Rica", ["APICARIBE", "Siembra y Cosecha de Agua"], [],
     DialogueFormat.BILATERAL, DialogueStatus.HELD, datetime(2021, 11, 16, 15, 0, tzinfo=UTC), ""),
    ("Diálogo sobre restauración de arrecifes de coral", ["Proyecto piloto de restauración de arrecifes"], ["DO", "CO"],
     DialogueFormat.MULTILATERAL, DialogueStatus.HELD, datetime(2021, 11, 23, 15, 0, tzinfo=UTC), ""),
    ("Diálogo sobre Jóvenes Construyendo el Futuro", ["Jóvenes Construyendo el Futuro"], ["PY", "DO"],
     DialogueFormat.MULTILATERAL, DialogueStatus.CANCELLED, None, "Agenda del país presentador"),
]

PANELISTS = [
    ("Javier Pereira", "América Solidaria Uruguay", ActorType.CIVIL_SOCIETY),
    ("Enrique Oviedo", "CEPAL", ActorType.INTERNATIONAL_COOPERATION),
    ("Yolanda Strachan", "BID Lab", ActorType.INTERNATIONAL_COOPERATION),
    ("Jorge Pérez", "Instituto Mora – REMECID", ActorType.ACADEMIA),
]


def _initiative(prefix: str) -> Initiative | None:
    return Initiative.objects.filter(name__startswith=prefix).first()


@transaction.atomic
def load_dialogues() -> None:
    """Idempotent: what already exists is left as it is."""
    for prefix, _country, interested in INTERESTS:
        initiative = _initiative(prefix)
        for code in interested if initiative else []:
            institution = Institution.objects.filter(country_id=code).first()
            if institution:
                Interest.objects.get_or_create(initiative=initiative, institution=institution)
    for title, prefixes, invited, format_, status, starts_at, reason in DIALOGUES:
        if Dialogue.objects.filter(title=title).exists():
            continue
        # Loaded as the report tells it happened, not replayed through the scheduling services:
        # that would send calendar invitations for meetings of 2021.
        dialogue = Dialogue.objects.create(
            title=title,
            format=format_,
            status=status,
            status_reason=reason,
            starts_at=starts_at,
            duration_minutes=90,
            main_results="Las presentaciones y las preguntas se centraron en los resultados de la iniciativa."
            if status == DialogueStatus.HELD
            else "",
            focus=["results"] if status == DialogueStatus.HELD else [],
        )
        dialogue.initiatives.set([i for i in map(_initiative, prefixes) if i])
        dialogue.invited_countries.set(Country.objects.filter(pk__in=invited))
        if status == DialogueStatus.HELD:
            for code in invited or ["AR", "CR"]:
                name, email = FOCAL_POINTS[code]  # each country sends its focal point
                Invitee.objects.create(dialogue=dialogue, country_id=code, name=name, email=email)
                Attendance.objects.create(dialogue=dialogue, country_id=code, person=name)
            owner = FOCAL_POINTS[(invited or ["AR"])[0]][0]
            FollowUpAction.objects.create(dialogue=dialogue, description="Compartir la guía metodológica.", owner=owner)
    if not Seminar.objects.exists():
        seminar = Seminar.objects.create(
            title="Alianzas multiactor para el desarrollo sostenible en la CSS y CT en Iberoamérica",
            starts_at=datetime(2021, 12, 7, 14, 0, tzinfo=UTC),
            duration_minutes=120,
            attendance_peak=133,
            attendance_minimum=90,
            panel_summary="Presentación del Documento de Trabajo N° 20 del PIFCSS y reflexión con referentes de la "
            "academia, la sociedad civil y organismos intergubernamentales de la región.",
            is_public=True,
        )
        for person, organization, actor_type in PANELISTS:
            Panelist.objects.create(seminar=seminar, person=person, organization=organization, actor_type=actor_type)
