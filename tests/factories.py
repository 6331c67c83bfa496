"""Test data built through the same services the product uses."""

import itertools

from registry import services
from registry.choices import ActorType, InitiativeType, Status
from registry.models import Country, Initiative, Institution, Sector

_sequence = itertools.count(1)


def institution_for(iso2: str, name: str | None = None) -> Institution:
    country = Country.objects.get(pk=iso2)
    return Institution.objects.get_or_create(
        country=country,
        name=name or f"Agencia nacional de {country.name_es}",
        defaults={"acronym": f"AC{iso2}"},
    )[0]


def make_initiative(
    *,
    institution: Institution | None = None,
    name: str | None = None,
    actors: list[tuple[str, str]] | None = None,
    partners: list = (),  # country codes, or (code, SEGIB role) pairs
    sectors: list[str] = (),
    status: str = Status.PUBLISHED,
    by=None,
    ficha=None,
    **fields,
) -> Initiative:
    """An initiative with actors given as (organization name, actor type) pairs, moved through
    the real status workflow up to `status`, reported on `ficha` when one is given."""
    institution = institution or institution_for("CR")
    number = next(_sequence)
    if actors is None:
        actors = [(f"Ministerio {number}", ActorType.PUBLIC_SECTOR), (f"Fundación {number}", ActorType.CIVIL_SOCIETY)]
    fields.setdefault("initiative_type", InitiativeType.PROJECT)
    initiative = services.initiative_save(
        initiative=Initiative(institution=institution, name=name or f"Iniciativa {number}", **fields),
        by=by,
        actors=[services.ActorInput(name=actor_name, actor_type=actor_type) for actor_name, actor_type in actors],
        partner_countries=[
            services.PartnerCountryInput(country=Country.objects.get(pk=code), segib_role=role)
            for code, role in ((partner, "") if isinstance(partner, str) else partner for partner in partners)
        ],
        sectors=list(Sector.objects.filter(code__in=sectors)),
    )
    if ficha is not None:
        ficha.initiatives.add(initiative)
    path = {
        Status.DRAFT: [],
        Status.SUBMITTED: [Status.SUBMITTED],
        Status.IN_REVIEW: [Status.SUBMITTED, Status.IN_REVIEW],
        Status.PUBLISHED: [Status.SUBMITTED, Status.PUBLISHED],
        Status.RETURNED: [Status.SUBMITTED, Status.RETURNED],
        Status.REJECTED: [Status.SUBMITTED, Status.REJECTED],
    }[status]
    for step in path:
        reason = "Falta información" if step in (Status.RETURNED, Status.REJECTED) else ""
        # Its country submits; the technical unit's moves are made as the system here.
        mover = by if step == Status.SUBMITTED else None
        services.initiative_transition(initiative=initiative, to_status=step, by=mover, reason=reason)
    return initiative
