from django import template

from dialogues.forms import InterestForm
from dialogues.models import Interest

register = template.Library()


@register.inclusion_tag("dialogues/_interest_box.html", takes_context=True)
def interest_box(context, initiative):
    """On an initiative's page: a focal point of another country may ask to learn about it."""
    user = context["request"].user
    offered = initiative.is_published and initiative.wants_to_share is True
    eligible = (
        offered
        and user.is_authenticated
        and user.is_focal_point
        and user.institution_id is not None
        and user.institution.country_id != initiative.institution.country_id
    )
    return {
        "initiative": initiative,
        "eligible": eligible,
        "interest": Interest.objects.filter(initiative=initiative, institution=user.institution).first() if eligible else None,
        "form": InterestForm(),
        "csrf_token": context.get("csrf_token"),
    }
