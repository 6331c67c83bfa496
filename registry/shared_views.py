"""The technical unit's pages for initiatives reported by several countries: the queue of shared
initiatives (those whose reports disagree first), each shared record side by side, and linking
from the review of a ficha. Partners' focal points read the records they take part in and
confirm their own role."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from registry import shared as service
from registry.choices import SegibRole
from registry.lookups import posted_number, posted_object_or_404
from registry.models import Country, Initiative, SharedInitiative
from registry.services import EditConflict


class RenameForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Agreed name"), max_length=500)
    note = forms.CharField(label=gettext_lazy("Curator's note"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RoleForm(forms.Form):
    segib_role = forms.ChoiceField(label=gettext_lazy("Its SEGIB role"), choices=SegibRole.choices)


def _require_technical_unit(user) -> None:
    if not user.is_technical_unit:
        raise PermissionDenied


def _posted_country(value) -> Country:
    code = value.strip().upper() if isinstance(value, str) else ""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        raise ValidationError(_("Choose a country."))
    return get_object_or_404(Country, pk=code)


@login_required
@require_safe
def shared_queue(request):
    _require_technical_unit(request.user)
    records = service.shared_records()
    disagreeing = request.GET.get("disagree") == "1"
    if disagreeing:
        records = [record for record in records if record.disagrees]
    records.sort(key=lambda record: (not record.disagrees, record.shared.name.casefold()))
    return render(request, "registry/shared_queue.html", {"records": records, "disagreeing": disagreeing})


@login_required
@require_http_methods(["GET", "POST"])
def shared_detail(request, pk: int):
    shared = get_object_or_404(SharedInitiative, pk=pk)
    if not service.may_read(request.user, shared):
        raise Http404
    rename_form = RenameForm(initial={"name": shared.name, "note": shared.note, "version": shared.version})
    own_country = request.user.institution.country if request.user.is_focal_point else None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "rename":
                rename_form = RenameForm(request.POST)
                if rename_form.is_valid():
                    service.shared_rename(
                        shared=shared, name=rename_form.cleaned_data["name"], note=rename_form.cleaned_data["note"],
                        expected_version=rename_form.cleaned_data["version"], by=request.user,
                    )
                    messages.success(request, _("Saved."))
                    return redirect("registry:shared_detail", pk=shared.pk)
            elif action == "unlink":
                report = posted_object_or_404(shared.reports, request.POST.get("initiative"))
                # A version that is not one of ours can match no record: refused as a stale one.
                version = posted_number(request.POST.get("version")) or 0
                remaining = service.shared_unlink(initiative=report, expected_version=version, by=request.user)
                messages.success(request, _("“%(name)s” counts on its own again.") % {"name": report.name})
                return redirect("registry:shared_detail", pk=remaining.pk) if remaining else redirect("registry:shared_queue")
            elif action == "role":
                country = _posted_country(request.POST.get("country")) if request.user.is_technical_unit else own_country
                role_form = RoleForm(request.POST)
                if country is None or not role_form.is_valid():
                    raise ValidationError(_("Choose one of the SEGIB roles."))
                service.shared_role_confirm(shared=shared, country=country, segib_role=role_form.cleaned_data["segib_role"], by=request.user)
                messages.success(request, _("The role of %(country)s is confirmed.") % {"country": country.name})
                return redirect("registry:shared_detail", pk=shared.pk)
            else:
                raise ValidationError(_("Nothing to do."))
        except EditConflict:
            messages.error(request, _("Someone changed this shared initiative after you opened it. Here it is as it is now; try again."))
            return redirect("registry:shared_detail", pk=shared.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    record = service.shared_records(SharedInitiative.objects.filter(pk=shared.pk), reader=request.user)[0]
    countries = sorted(
        Country.objects.in_bulk(service.shared_countries(shared, reader=request.user)).values(), key=lambda country: country.name
    )
    return render(
        request,
        "registry/shared_detail.html",
        {
            "record": record,
            "rename_form": rename_form,
            "is_technical_unit": request.user.is_technical_unit,
            "own_country": own_country,
            "own_role": record.roles.get(own_country.pk) if own_country else None,
            "role_choices": SegibRole.choices,
            "countries": countries,
            "confirmed": [(country, record.roles.get(country.pk)) for country in countries],
        },
    )


@login_required
@require_POST
def shared_link_view(request):
    _require_technical_unit(request.user)
    initiatives = [posted_object_or_404(Initiative.objects.all(), value) for value in request.POST.getlist("initiative")[:10]]
    back = request.POST.get("next", "")
    try:
        shared = service.shared_link(initiatives=initiatives, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)
        return redirect("registry:shared_queue")
    messages.success(request, _("The reports are linked as one shared initiative: totals count it once."))
    return redirect("registry:shared_detail", pk=shared.pk)
