"""Contributions in one currency: US dollars at the yearly reference rate the technical unit keeps
(followup.ExchangeRate). A contribution whose currency has no rate for its year is not guessed:
the totals say how many were left out of the sum and why."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from followup.models import Contribution, ExchangeRate

CENT = Decimal("0.01")


def rates() -> dict[tuple[str, int], Decimal]:
    return {(rate.currency, rate.year): rate.units_per_usd for rate in ExchangeRate.objects.all()}


def in_usd(amount: Decimal, currency: str, year: int, table: dict) -> Decimal | None:
    if currency == "USD":
        return amount
    rate = table.get((currency, year))
    return (amount / rate).quantize(CENT, rounding=ROUND_HALF_UP) if rate else None


@dataclass
class Totals:
    """Money in US dollars, and how many contributions of each kind, by a grouping key."""

    usd: dict = field(default_factory=lambda: defaultdict(Decimal))
    count: dict = field(default_factory=lambda: defaultdict(int))
    not_converted: list = field(default_factory=list)  # (contribution, why)


def contribution_totals(contributions) -> dict[str, Totals]:
    """Totals by the contributing actor's type and by the country of the initiative's reporting
    institution, over `contributions` (already narrowed to what the reader may see)."""
    table = rates()
    by_type, by_country = Totals(), Totals()
    rows = contributions.select_related("organization", "initiative__institution__country").prefetch_related(None)
    for contribution in rows.iterator(chunk_size=1000):
        keys = ((by_type, contribution.organization.actor_type), (by_country, contribution.initiative.institution.country_id))
        usd = None
        if contribution.amount is not None:
            usd = in_usd(contribution.amount, contribution.currency, contribution.year, table)
            if usd is None:
                by_type.not_converted.append((contribution, f"{contribution.currency} {contribution.year}"))
        for totals, key in keys:
            totals.count[key] += 1
            if usd is not None:
                totals.usd[key] += usd
    return {"actor_type": by_type, "country": by_country}


def visible_contributions(initiatives):
    return Contribution.objects.filter(initiative__in=initiatives.order_by().values("pk"))
