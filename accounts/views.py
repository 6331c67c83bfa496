from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import tokens
from accounts.forms import ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile_view(request):
    """A person's name, e-mail and the clock they read times on, and their API tokens."""
    action = request.POST.get("action", "profile") if request.method == "POST" else None
    context = {}
    if action == "token":
        # A new token does not end the others: say so only to someone who has others.
        context["other_tokens_kept"] = tokens.tokens_of(request.user).exists()
        # Shown in this answer only: nothing keeps the token's text.
        context["new_token"] = tokens.token_create(user=request.user)[1]
    elif action == "revoke_token":
        if tokens.token_revoke(user=request.user, digest=request.POST.get("token", "")[:128]):
            messages.success(request, _("The token was revoked: scripts using it no longer work."))
        return redirect("accounts:profile")
    form = ProfileForm(request.POST if action == "profile" else None, instance=request.user)
    if action == "profile" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "tokens": tokens.tokens_of(request.user),
            "token_days": settings.REST_KNOX["TOKEN_TTL"].days,
            **context,
        },
        status=400 if action == "profile" else 200,
    )
