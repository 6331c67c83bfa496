"""Writes of the board, each checked, atomic and audited: posting and changing a need or an offer
(with the version read), closing it, replying through the platform, and turning a match into a
dialogue proposal."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from capacities.models import Match, Need, Offer, PostStatus, Reply
from dialogues.models import Dialogue
from dialogues.services import dialogue_save
from registry.audit import audit_record
from registry.mail import send_after_commit
from registry.models import AuditEntry
from registry.permissions import may_edit_for, require_technical_unit
from registry.privacy import may_see_contacts
from registry.services import check_version


def may_post_need(user, institution) -> bool:
    return may_edit_for(user, institution.pk if institution else None)


def may_post_offer(user, organization) -> bool:
    """The technical unit, or a focal point of the organization's country."""
    if not user.is_authenticated:
        return False
    if user.is_technical_unit:
        return True
    return user.is_focal_point and organization is not None and organization.country_id == user.institution.country_id


def may_change(user, post) -> bool:
    return may_post_need(user, post.institution) if isinstance(post, Need) else may_post_offer(user, post.organization)


@transaction.atomic
def post_save(*, post: Need | Offer, by, expected_version: int | None) -> Need | Offer:
    if by is not None and not may_change(by, post):
        raise PermissionDenied
    creating = post.pk is None
    if not creating:
        current = check_version(model=type(post), pk=post.pk, expected_version=expected_version)
        if by is not None and not may_change(by, current):
            raise PermissionDenied
        post.version = current.version + 1
        post.posted_by_id = current.posted_by_id
    elif getattr(by, "pk", None):
        post.posted_by = by
    # One line: a title goes into e-mail subjects, which take no line break.
    post.title, post.description, post.topics = " ".join(post.title.split()), post.description.strip(), " ".join(post.topics.split())
    post.full_clean()
    post.save()
    audit_record(instance=post, action=AuditEntry.Action.CREATE if creating else AuditEntry.Action.UPDATE, by=by,
                 changes={"title": [None, post.title]} if creating else {})
    return post


@transaction.atomic
def post_close(*, post: Need | Offer, by) -> Need | Offer:
    if by is not None and not may_change(by, post):
        raise PermissionDenied
    type(post).objects.filter(pk=post.pk).update(status=PostStatus.CLOSED)
    audit_record(instance=post, action=AuditEntry.Action.STATUS, by=by, changes={"status": [post.status, PostStatus.CLOSED]})
    post.status = PostStatus.CLOSED
    return post


@transaction.atomic
def reply_send(*, post: Need | Offer, body: str, by) -> Reply:
    """Write to whoever posted it, through the platform: they get an e-mail with the message and
    the sender's name, which they may answer; no page shows either address."""
    if not may_see_contacts(by):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the message."))
    reply = Reply(need=post if isinstance(post, Need) else None, offer=post if isinstance(post, Offer) else None, sender=by, body=body)
    reply.full_clean()
    reply.save()
    audit_record(instance=post, action=AuditEntry.Action.UPDATE, by=by, changes={"reply": [None, f"#{reply.pk}"]})
    recipient = post.posted_by.email if post.posted_by and post.posted_by.is_active else ""
    if recipient:
        kind = "need" if isinstance(post, Need) else "offer"
        link = settings.SITE_URL.rstrip("/") + reverse(f"capacities:{kind}_detail", args=[post.pk])
        text = _(
            "%(sender)s (%(institution)s) wrote about “%(title)s” on Alianzas:\n\n%(body)s\n\n"
            "See it on %(link)s. Answering this e-mail writes to them: your address reaches them only if you do."
        ) % {"sender": by.get_full_name() or by.username, "institution": by.institution or _("PIFCSS technical unit"),
             "title": post.title, "body": body, "link": link}
        send_after_commit(lambda: EmailMessage(
            subject=_("Alianzas: a reply about “%(title)s”") % {"title": " ".join(post.title.split())}, body=text,
            from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient], reply_to=[by.email] if by.email else None,
        ).send(), about=f"reply {reply.pk} on the capacities board")
    return reply


@transaction.atomic
def match_propose_dialogue(*, need: Need, offer: Offer, by) -> Match:
    """The technical unit puts a need and an offer together: a dialogue is proposed between the
    agency's country and the organization's, with both posts in its agenda."""
    require_technical_unit(by)
    match, _created = Match.objects.select_for_update().get_or_create(need=need, offer=offer, defaults={"created_by": by})
    if match.dialogue_id:
        raise ValidationError(_("A dialogue was already proposed for this need and this offer."))
    countries = [country for country in (need.institution.country, offer.organization.country) if country is not None]
    dialogue = Dialogue(
        title=(_("%(need)s ⇄ %(offer)s") % {"need": need.title, "offer": offer.title})[:300],
        # The titles only: the board is for members, and a held dialogue may become public.
        agenda=_("Need of %(agency)s: %(need)s\n\nOffer of %(organization)s: %(offer)s") % {
            "agency": need.institution, "need": need.title, "organization": offer.organization, "offer": offer.title,
        },
    )
    dialogue = dialogue_save(dialogue=dialogue, by=by, expected_version=None,
                             save_related=lambda: dialogue.invited_countries.set(countries))
    match.dialogue = dialogue
    match.save(update_fields=["dialogue"])
    audit_record(instance=need, action=AuditEntry.Action.UPDATE, by=by, changes={"dialogue": [None, f"#{dialogue.pk} {dialogue.title}"]})
    return match
