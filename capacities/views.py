"""The board of needs and offers, for members (focal points and the technical unit): no contact
is shown, replies go through the platform."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from capacities import matching, services
from capacities.forms import NeedForm, OfferForm, ReplyForm
from capacities.models import Need, Offer, PostStatus
from registry.lookups import posted_object_or_404
from registry.privacy import may_see_contacts
from registry.services import EditConflict

KINDS = {"need": (Need, NeedForm), "offer": (Offer, OfferForm)}


def _require_member(user) -> None:
    if not may_see_contacts(user):
        raise PermissionDenied


@login_required
@require_safe
def board(request):
    _require_member(request.user)
    return render(request, "capacities/board.html", {
        "needs": Need.objects.filter(status=PostStatus.OPEN).select_related("institution__country", "sector"),
        "offers": Offer.objects.filter(status=PostStatus.OPEN).select_related("organization__country", "sector"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def post_form(request, kind: str, pk: int | None = None):
    _require_member(request.user)
    model, form_class = KINDS[kind]
    post = get_object_or_404(model, pk=pk) if pk else model()
    if pk and not services.may_change(request.user, post):
        raise PermissionDenied
    form = form_class(request.POST or None, instance=post, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if kind == "need" and not request.user.is_technical_unit:
            saved.institution = request.user.institution
        try:
            saved = services.post_save(post=saved, by=request.user, expected_version=form.cleaned_data.get("version"))
        except EditConflict:
            messages.error(request, _("Someone changed it after you opened it. Here it is as it is now; make your change again."))
            return redirect(f"capacities:{kind}_edit", pk=post.pk)
        except PermissionDenied:
            form.add_error(None, _("You may post only for your own country's agency and organizations."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Published on the board."))
            return redirect(f"capacities:{kind}_detail", pk=saved.pk)
    return render(request, "capacities/post_form.html", {"form": form, "kind": kind, "post": post})


def _detail(request, kind: str, pk: int):
    _require_member(request.user)
    model = KINDS[kind][0]
    related = ("institution__country", "sector") if kind == "need" else ("organization__country", "sector")
    post = get_object_or_404(model.objects.select_related(*related), pk=pk)
    reply_form = ReplyForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "reply":
                reply_form = ReplyForm(request.POST)
                if reply_form.is_valid():
                    services.reply_send(post=post, body=reply_form.cleaned_data["body"], by=request.user)
                    messages.success(request, _("Your message was sent by e-mail to whoever posted it."))
                    return redirect(f"capacities:{kind}_detail", pk=post.pk)
            elif action == "close":
                services.post_close(post=post, by=request.user)
                messages.success(request, _("Closed: it no longer shows on the board."))
                return redirect("capacities:board")
            elif action == "propose":
                other = posted_object_or_404(Offer.objects.all() if kind == "need" else Need.objects.all(), request.POST.get("other"))
                need, offer = (post, other) if kind == "need" else (other, post)
                match = services.match_propose_dialogue(need=need, offer=offer, by=request.user)
                messages.success(request, _("A dialogue is proposed: prepare it from the dialogues' page."))
                return redirect("dialogues:dialogue_detail", pk=match.dialogue_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    if kind == "need":
        suggestions = {"offers": matching.offers_for(post), "mentors": matching.offers_for(post, mentors_only=True),
                       "initiatives": matching.experienced_initiatives(post)}
    else:
        suggestions = {"needs": matching.needs_for(post)}
    return render(request, "capacities/post_detail.html", {
        "post": post, "kind": kind, "reply_form": reply_form, "suggestions": suggestions,
        "may_change": services.may_change(request.user, post), "is_technical_unit": request.user.is_technical_unit,
        "proposed": {m.offer_id if kind == "need" else m.need_id: m.dialogue_id for m in post.matches.exclude(dialogue=None)},
    })


@login_required
@require_http_methods(["GET", "POST"])
def need_detail(request, pk: int):
    return _detail(request, "need", pk)


@login_required
@require_http_methods(["GET", "POST"])
def offer_detail(request, pk: int):
    return _detail(request, "offer", pk)
