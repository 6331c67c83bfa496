"""Inviting focal points: an account bound to the institution, and a link to set a password.

The link is Django's password-reset token, so it stops working once used or after
PASSWORD_RESET_TIMEOUT, and needs no table of its own."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from registry.audit import audit_record
from registry.mail import send_after_commit
from registry.choices import Role
from registry.models import AuditEntry, Institution


def set_password_url(user, *, base_url: str) -> str:
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    return base_url.rstrip("/") + path


@transaction.atomic
def focal_point_invite(*, first_name: str, last_name: str, email: str, institution: Institution, by, base_url: str):
    User = get_user_model()
    email = email.strip()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(_("There is already an account with the e-mail %(email)s.") % {"email": email})
    user = User(
        username=email.lower(), email=email, first_name=first_name.strip(), last_name=last_name.strip(), institution=institution
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=Role.FOCAL_POINT))
    audit_record(instance=user, action=AuditEntry.Action.CREATE, by=by, changes={"invited": [None, email]})
    link = set_password_url(user, base_url=base_url)
    body = render_to_string("surveys/email/invitation.txt", {"user": user, "institution": institution, "link": link})
    send_after_commit(
        lambda: send_mail(_("Invitation to the PIFCSS survey of multi-actor alliances"), body, settings.DEFAULT_FROM_EMAIL, [email]),
        about=f"the invitation of user {user.pk}",
    )
    return user
