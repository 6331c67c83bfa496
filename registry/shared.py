"""One initiative, several reporting countries. A triangular or bilateral initiative is often
reported by each partner in its own words; the technical unit links the reports into one shared
initiative instead of merging them. Each report stays as its country wrote it; the shared record
shows where they differ, each partner's focal point confirms or corrects its own SEGIB role, and
the totals count the shared initiative once (COUNTED_ONCE) while the tables per country count it
once per reporting country.

Candidates come from the partner countries a report names: their submitted or published reports
whose names, objectives and actors are alike (registry.matching), best first."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BigIntegerField, Count, F, Prefetch
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.audit import audit_record
from registry.choices import SegibRole, Status
from registry.matching import MIN_SCORE, Likeness, Report, likeness, same_actor
from registry.models import AuditEntry, Country, Initiative, InitiativeCountry, Participation, SharedInitiative, SharedRole
from registry.permissions import require_technical_unit
from registry.services import EditConflict

# Totals count a shared initiative once: its reports share one key, the shared record's id made
# negative so it cannot meet an initiative's own.
COUNTED_ONCE = Count(Coalesce(F("shared_id") * -1, F("pk"), output_field=BigIntegerField()), distinct=True)
COUNTING_RULE = (
    "An initiative reported by several countries (linked as one shared initiative) counts once in totals "
    "and in each breakdown (by type, modality, sector, actor type, classification: once under each value its reports give), "
    "and once per reporting country in the tables per country."
)
MATCHED_STATUSES = (Status.SUBMITTED, Status.PUBLISHED)
# The most reports of the partner countries compared with one report, the latest first.
MATCH_POOL = 2000
CANDIDATES_SHOWN = 5


def _reports():
    return Initiative.objects.select_related("institution__country", "shared").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("organization")),
        Prefetch("country_links", queryset=InitiativeCountry.objects.select_related("country")),
    )


def _as_report(initiative: Initiative) -> Report:
    return Report(
        pk=initiative.pk,
        country=initiative.institution.country_id,
        name=initiative.name,
        objectives=initiative.objectives or "",
        actors=tuple(participation.organization.name for participation in initiative.participations.all()),
        partners=frozenset(link.country_id for link in initiative.country_links.all()),
    )


@dataclass(frozen=True)
class Candidate:
    initiative: Initiative
    likeness: Likeness


def candidates_for_each(initiatives, *, limit: int = CANDIDATES_SHOWN) -> dict[int, list[Candidate]]:
    """For each initiative, the reports of the partner countries it names that may be the same
    initiative, best first: one pool for all of them, so a ficha's review reads in a fixed number
    of queries however many initiatives it holds."""
    reports = list(_reports().filter(pk__in=[initiative.pk for initiative in initiatives]))
    described = {initiative.pk: _as_report(initiative) for initiative in reports}
    partners = set().union(*(report.partners for report in described.values())) if described else set()
    found: dict[int, list[Candidate]] = {initiative.pk: [] for initiative in initiatives}
    if not partners:
        return found
    pool = list(
        _reports().filter(institution__country_id__in=partners, status__in=MATCHED_STATUSES).order_by("-updated_at")[:MATCH_POOL]
    )
    pooled = [(candidate, _as_report(candidate)) for candidate in pool]
    for initiative in reports:
        report = described[initiative.pk]
        scored = [
            Candidate(candidate, likeness(report, other))
            for candidate, other in pooled
            if other.country in report.partners and candidate.pk != initiative.pk
            and not (initiative.shared_id and candidate.shared_id == initiative.shared_id)
        ]
        ranked = sorted((c for c in scored if c.likeness.score >= MIN_SCORE), key=lambda c: (-c.likeness.score, c.initiative.pk))
        found[initiative.pk] = ranked[:limit]
    return found


def candidates_for(initiative: Initiative, *, limit: int = CANDIDATES_SHOWN) -> list[Candidate]:
    """Reports of the partner countries `initiative` names that may be the same initiative."""
    return candidates_for_each([initiative], limit=limit)[initiative.pk]


def also_reported_by(initiative: Initiative, user) -> list[Initiative]:
    """The other countries' reports of the same shared initiative that `user` may read."""
    if not initiative.shared_id:
        return []
    return list(
        Initiative.objects.visible_to(user).filter(shared_id=initiative.shared_id).exclude(pk=initiative.pk)
        .select_related("institution__country").order_by("institution__country__name_es")
    )


# --- Writes -----------------------------------------------------------------------------------
def _bump(shared: SharedInitiative) -> None:
    SharedInitiative.objects.filter(pk=shared.pk).update(version=F("version") + 1, updated_at=timezone.now())
    shared.refresh_from_db()


def _described(initiative: Initiative) -> str:
    return f"#{initiative.pk} {initiative.name} ({initiative.institution.country_id})"


@transaction.atomic
def shared_link(*, initiatives: list[Initiative], by, name: str = "") -> SharedInitiative:
    """Link reports of different countries into one shared initiative (or add them to the one a
    report already belongs to)."""
    require_technical_unit(by)
    locked = list(Initiative.objects.select_for_update().filter(pk__in=[i.pk for i in initiatives]).select_related("institution"))
    existing = {initiative.shared_id for initiative in locked if initiative.shared_id}
    if len(existing) > 1:
        raise ValidationError(_("These reports belong to two different shared initiatives: unlink one of them first."))
    shared = SharedInitiative.objects.select_for_update().get(pk=existing.pop()) if existing else None
    members = {i.pk: i for i in locked}
    if shared is not None:
        members.update({i.pk: i for i in Initiative.objects.filter(shared=shared).select_related("institution")})
    if len(members) < 2:
        raise ValidationError(_("Choose at least two reports to link."))
    countries = [initiative.institution.country_id for initiative in members.values()]
    if len(set(countries)) != len(countries):
        raise ValidationError(
            _("Each report of a shared initiative comes from a different country: two reports of one country are merged instead.")
        )
    before = sorted(_described(i) for i in members.values() if i.shared_id) if shared else []
    if shared is None:
        # Named after a published report when there is one: the name is shown wherever any report is.
        first = min(locked, key=lambda initiative: (initiative.status != Status.PUBLISHED, initiative.pk))
        shared = SharedInitiative.objects.create(name=(name or first.name).strip()[:500], created_by=by if getattr(by, "pk", None) else None)
    added = [initiative for initiative in locked if initiative.shared_id != shared.pk]
    Initiative.objects.filter(pk__in=[i.pk for i in added]).update(shared=shared, updated_at=timezone.now())
    for initiative in added:
        audit_record(instance=initiative, action=AuditEntry.Action.UPDATE, by=by, changes={"shared": [None, f"#{shared.pk} {shared.name}"]})
    after = sorted(_described(i) for i in members.values())
    audit_record(instance=shared, action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE, by=by,
                 changes={"linked_reports": [before, after]})
    if before:
        _bump(shared)
    return shared


@transaction.atomic
def shared_unlink(*, initiative: Initiative, expected_version: int | None, by) -> SharedInitiative | None:
    """Take a report out of its shared initiative: it counts on its own again. A shared
    initiative left with one report is dissolved."""
    require_technical_unit(by)
    locked = Initiative.objects.select_for_update().select_related("institution").get(pk=initiative.pk)
    if locked.shared_id is None:
        raise ValidationError(_("This report is not linked to a shared initiative."))
    shared = SharedInitiative.objects.select_for_update().get(pk=locked.shared_id)
    if expected_version is not None and shared.version != expected_version:
        raise EditConflict(shared)
    before = sorted(_described(i) for i in shared.reports.select_related("institution"))
    Initiative.objects.filter(pk=locked.pk).update(shared=None, updated_at=timezone.now())
    audit_record(instance=locked, action=AuditEntry.Action.UPDATE, by=by, changes={"shared": [f"#{shared.pk} {shared.name}", None]})
    remaining = list(shared.reports.select_related("institution"))
    after = sorted(_described(i) for i in remaining)
    if len(remaining) >= 2:
        audit_record(instance=shared, action=AuditEntry.Action.UPDATE, by=by, changes={"linked_reports": [before, after]})
        _bump(shared)
        return shared
    for last in remaining:
        Initiative.objects.filter(pk=last.pk).update(shared=None, updated_at=timezone.now())
        audit_record(instance=last, action=AuditEntry.Action.UPDATE, by=by, changes={"shared": [f"#{shared.pk} {shared.name}", None]})
    audit_record(instance=shared, action=AuditEntry.Action.DELETE, by=by, changes={"linked_reports": [before, []]})
    shared.delete()
    return None


@transaction.atomic
def shared_rename(*, shared: SharedInitiative, name: str, note: str, expected_version: int | None, by) -> SharedInitiative:
    require_technical_unit(by)
    current = SharedInitiative.objects.select_for_update().get(pk=shared.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    if not name.strip():
        raise ValidationError(_("Write the agreed name."))
    changes = {key: [getattr(current, key), value] for key, value in (("name", name.strip()[:500]), ("note", note.strip())) if getattr(current, key) != value}
    current.name, current.note = name.strip()[:500], note.strip()
    current.full_clean()
    current.save()
    if changes:
        audit_record(instance=current, action=AuditEntry.Action.UPDATE, by=by, changes=changes)
        _bump(current)
    return current


def shared_countries(shared: SharedInitiative, reader=None) -> set[str]:
    """Every country of the shared initiative: those reporting it and those its reports name;
    with a `reader`, only those of the reports they may read (a country named only in another
    country's unpublished report is not yet said to take part)."""
    reports = shared.reports.all() if reader is None else shared.reports.visible_to(reader)
    return {*reports.values_list("institution__country_id", flat=True),
            *InitiativeCountry.objects.filter(initiative__in=reports).values_list("country_id", flat=True)}


def may_read(user, shared: SharedInitiative) -> bool:
    """The technical unit, and the focal points of the countries taking part."""
    if not user.is_authenticated:
        return False
    if user.is_technical_unit:
        return True
    return user.is_focal_point and user.institution.country_id in shared_countries(shared, reader=user)


def may_confirm_role(user, shared: SharedInitiative, country_id: str) -> bool:
    """The focal points of that country, and the technical unit."""
    if not user.is_authenticated:
        return False
    if user.is_technical_unit:
        return True
    return user.is_focal_point and user.institution.country_id == country_id and may_read(user, shared)


@transaction.atomic
def shared_role_confirm(*, shared: SharedInitiative, country: Country, segib_role: str, by) -> SharedRole:
    """A partner's own SEGIB role in the shared initiative, as its focal point confirms or
    corrects it (set again to change it)."""
    if by is not None and not may_confirm_role(by, shared, country.pk):
        raise PermissionDenied
    if country.pk not in shared_countries(shared):
        raise ValidationError(_("This country does not take part in the shared initiative."))
    if segib_role not in SegibRole.values:
        raise ValidationError(_("Choose one of the SEGIB roles."))
    role = SharedRole.objects.select_for_update().filter(shared=shared, country=country).first()
    before = role.segib_role if role else None
    role = role or SharedRole(shared=shared, country=country)
    role.segib_role, role.confirmed_by = segib_role, by if getattr(by, "pk", None) else None
    role.save()
    # Readers that sync by updated_at see the confirmation; the version stays, as the reports did not change.
    SharedInitiative.objects.filter(pk=shared.pk).update(updated_at=timezone.now())
    audit_record(instance=shared, action=AuditEntry.Action.UPDATE, by=by, changes={"confirmed_role": [f"{country.pk}: {before}" if before else None, f"{country.pk}: {segib_role}"]})
    return role


# --- Reading ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Difference:
    """One thing the reports say, side by side: the value of each report, in the reports' order."""

    label: str
    values: tuple[str, ...]
    differs: bool


def _role_of(initiative: Initiative, country_id: str) -> str:
    if initiative.institution.country_id == country_id:
        return _("reports it")
    link = next((link for link in initiative.country_links.all() if link.country_id == country_id), None)
    if link is None:
        return _("not named")
    return link.get_segib_role_display() if link.segib_role else _("no role given")


def _actors_differ(reports: list[Initiative]) -> bool:
    names = [[p.organization.name for p in report.participations.all()] for report in reports]
    return any(
        not any(same_actor(name, theirs) for theirs in other)
        for mine in names for other in names if other is not mine for name in mine
    )


def countries_of(reports: list[Initiative]) -> set[str]:
    """The countries of these reports (read, with their country links): reporting or named."""
    return {report.institution.country_id for report in reports} | {link.country_id for report in reports for link in report.country_links.all()}


def differences(reports: list[Initiative], countries: dict[str, Country]) -> list[Difference]:
    """Roles of each country, actors, years and countries as each report gives them."""
    rows = []
    involved = sorted(countries_of(reports), key=lambda code: countries[code].name if code in countries else code)
    for code in involved:
        roles = tuple(_role_of(report, code) for report in reports)
        stated = {link.segib_role for report in reports for link in report.country_links.all() if link.country_id == code and link.segib_role}
        label = _("Role of %(country)s") % {"country": countries[code].name if code in countries else code}
        rows.append(Difference(label, roles, len(stated) > 1))
    rows.append(Difference(
        _("Actors"),
        tuple("\n".join(f"{p.organization.name} ({p.get_actor_type_display()})" for p in report.participations.all()) for report in reports),
        _actors_differ(reports),
    ))
    years = tuple(f"{report.start_year or '?'}–{report.end_year or '?'}" if report.start_year or report.end_year else "" for report in reports)
    rows.append(Difference(_("Years"), years, len({y for y in years if y}) > 1))
    named = tuple(frozenset({report.institution.country_id} | {link.country_id for link in report.country_links.all()}) for report in reports)
    rows.append(Difference(
        _("Countries"),
        tuple(", ".join(countries[c].name if c in countries else c for c in sorted(group)) for group in named),
        len(set(named)) > 1,
    ))
    return rows


@dataclass(frozen=True)
class SharedRecord:
    shared: SharedInitiative
    reports: list[Initiative]
    differences: list[Difference]
    roles: dict[str, SharedRole]

    @property
    def disagrees(self) -> bool:
        return any(row.differs for row in self.differences)


def shared_records(queryset=None, *, reader=None) -> list[SharedRecord]:
    """Shared initiatives with their reports (by country) and where they differ, in a fixed
    number of queries whatever their number; with a `reader`, only the reports they may read
    (a partner's focal point does not read another country's report before it is published)."""
    reports = _reports() if reader is None else _reports().visible_to(reader)
    queryset = (queryset if queryset is not None else SharedInitiative.objects.all()).prefetch_related(
        Prefetch("reports", queryset=reports.order_by("institution__country__name_es", "pk")),
        Prefetch("roles", queryset=SharedRole.objects.select_related("country")),
    )
    countries = Country.objects.in_bulk()
    return [
        SharedRecord(shared, list(shared.reports.all()), differences(list(shared.reports.all()), countries),
                     {role.country_id: role for role in shared.roles.all()})
        for shared in queryset
    ]


def roles_to_confirm(country_id: str, reader) -> list[tuple[SharedRecord, str, str]]:
    """The shared initiatives a country takes part in, with the role its own report gives it and
    the role its focal points confirmed ("" for none), for them to confirm or correct."""
    taking_part = SharedInitiative.objects.filter(reports__institution__country_id=country_id) | SharedInitiative.objects.filter(
        reports__country_links__country_id=country_id
    )
    listed = []
    for record in shared_records(taking_part.distinct(), reader=reader):
        if country_id not in countries_of(record.reports):
            continue  # named only in a report the reader may not read yet
        reported = next(
            (link.get_segib_role_display() for report in record.reports for link in report.country_links.all()
             if link.country_id == country_id and link.segib_role),
            "",
        )
        confirmed = record.roles[country_id].get_segib_role_display() if country_id in record.roles else ""
        listed.append((record, reported, confirmed))
    return listed
