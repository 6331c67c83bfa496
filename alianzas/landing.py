"""Where a person lands after signing in, when no page asked for it (?next=): a focal point on
the ficha they are filling, the technical unit on its review queue, everyone else on the catalog."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_safe

from surveys.selectors import campaigns_with_fichas_for


@login_required
@require_safe
def after_sign_in(request):
    user = request.user
    if user.is_focal_point:
        for entry in campaigns_with_fichas_for(user):
            if entry.ficha is not None and entry.is_open:
                return redirect("surveys:ficha_detail", pk=entry.ficha.pk)
        return redirect("surveys:survey_home")
    if user.is_technical_unit:
        return redirect("surveys:survey_home")
    return redirect("registry:initiative_list")
