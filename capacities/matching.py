"""Which offers answer a need (and which needs an offer): the same sector, SDGs in common, topic
words in common across Spanish and Portuguese (registry.matching's folded words), and the actor
type the agency asked for; plus the mentors among them and the registry's initiatives with
experience in the subject. Scored in Python over the open posts, a few hundred at most."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from capacities.models import HelpKind, Need, Offer, OfferKind, PostStatus
from registry.choices import SDG
from registry.matching import dice, words
from registry.models import Initiative

# What kind of offer answers what kind of help.
ANSWERS = {
    HelpKind.EXPERTISE: {OfferKind.EXPERTS, OfferKind.MENTORING},
    HelpKind.TRAINING: {OfferKind.TRAINING, OfferKind.MENTORING},
    HelpKind.FUNDING: {OfferKind.RESOURCES},
    HelpKind.PARTNERSHIP: set(OfferKind.values),
}
WEIGHTS = {"sector": 0.35, "sdgs": 0.25, "words": 0.3, "actor_type": 0.1, "kind": 0.1}
MIN_SCORE = 0.2
SHOWN = 5


def _text(post) -> str:
    return f"{post.title} {post.topics} {post.description}"


@dataclass(frozen=True)
class Suggestion:
    post: object
    score: float
    reasons: tuple[str, ...]


def likeness(need: Need, offer: Offer) -> Suggestion:
    score, reasons = 0.0, []
    if need.sector_id and need.sector_id == offer.sector_id:
        score += WEIGHTS["sector"]
        reasons.append(_("Same sector: %(sector)s") % {"sector": need.sector.name})
    common_sdgs = sorted(set(need.sdgs) & set(offer.sdgs))
    if common_sdgs:
        score += WEIGHTS["sdgs"] * len(common_sdgs) / max(1, len(set(need.sdgs)))
        reasons.append(_("SDGs in common: %(sdgs)s") % {"sdgs": ", ".join(str(SDG(number).label) for number in common_sdgs)})
    need_words, offer_words = words(_text(need)), words(_text(offer))
    if shared := sorted(need_words & offer_words):
        score += WEIGHTS["words"] * min(1.0, 2 * dice(need_words, offer_words))
        reasons.append(_("Words in common: %(words)s") % {"words": ", ".join(shared[:8])})
    if need.actor_types and offer.organization.actor_type in need.actor_types:
        score += WEIGHTS["actor_type"]
        reasons.append(_("The type of actor asked for: %(type)s") % {"type": offer.organization.get_actor_type_display()})
    if any(set(offer.offer_kinds) & ANSWERS.get(kind, set()) for kind in need.help_kinds):
        score += WEIGHTS["kind"]
        reasons.append(_("Offers the kind of help sought"))
    return Suggestion(offer, round(score, 3), tuple(reasons))


def _open_offers():
    return Offer.objects.filter(status=PostStatus.OPEN).select_related("organization__country", "sector")


def _open_needs():
    return Need.objects.filter(status=PostStatus.OPEN).select_related("institution__country", "sector")


def offers_for(need: Need, *, mentors_only: bool = False) -> list[Suggestion]:
    offers = _open_offers()
    if mentors_only:
        offers = offers.filter(offer_kinds__contains=[OfferKind.MENTORING])
    scored = [likeness(need, offer) for offer in offers]
    return sorted((s for s in scored if s.score >= MIN_SCORE), key=lambda s: (-s.score, s.post.pk))[:SHOWN]


def needs_for(offer: Offer) -> list[Suggestion]:
    scored = []
    for need in _open_needs():
        suggestion = likeness(need, offer)
        scored.append(Suggestion(need, suggestion.score, suggestion.reasons))
    return sorted((s for s in scored if s.score >= MIN_SCORE), key=lambda s: (-s.score, s.post.pk))[:SHOWN]


def experienced_initiatives(need: Need, *, limit: int = 3) -> list[Initiative]:
    """Published initiatives in the need's sector or SDGs, those whose words are closest first."""
    candidates = Initiative.objects.published().select_related("institution__country")
    if need.sector_id and need.sdgs:
        candidates = candidates.filter(indexed_sector_ids__overlap=[need.sector_id]) | candidates.filter(sdgs__overlap=need.sdgs)
    elif need.sector_id:
        candidates = candidates.filter(indexed_sector_ids__overlap=[need.sector_id])
    elif need.sdgs:
        candidates = candidates.filter(sdgs__overlap=need.sdgs)
    else:
        return []
    need_words = words(_text(need))
    ranked = sorted(candidates[:500], key=lambda i: (-dice(need_words, words(f"{i.name} {i.objectives}")), i.pk))
    return ranked[:limit]
