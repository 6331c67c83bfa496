"""The initiative page's "who brings what": each actor's contributions, responsibilities and the
benefits it expects, shown wherever the initiative itself may be read."""


def contributions_section(initiative, user) -> list[dict]:
    contributions = list(initiative.contributions.select_related("organization"))
    commitments = [c for c in initiative.commitments.select_related("organization").order_by("organization__name")
                   if c.responsibilities or c.expected_benefits]
    if not contributions and not commitments:
        return []
    return [{"template": "followup/_initiative_contributions.html", "contributions": contributions, "commitments": commitments}]
