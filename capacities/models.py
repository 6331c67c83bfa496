"""What an agency needs and what an organization of the directory offers (the source report's
"alliances built from offer and demand"). No contact is stored here: replies go through the
platform, which e-mails the person who posted (capacities.services.reply_send)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.choices import ANSWER_MAX_CHARS, ActorType, SDG
from registry.fields import BoundedTextField


class HelpKind(models.TextChoices):
    EXPERTISE = "expertise", _("Expertise")
    PARTNERSHIP = "partnership", _("Partnership")
    FUNDING = "funding", _("Funding")
    TRAINING = "training", _("Training")


class OfferKind(models.TextChoices):
    EXPERTS = "experts", _("Experts")
    MENTORING = "mentoring", _("Mentoring")
    RESOURCES = "resources", _("Resources")
    TRAINING = "training", _("Training")


class PostStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Post(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = BoundedTextField(_("description"), max_length=ANSWER_MAX_CHARS)
    topics = models.CharField(_("topics"), max_length=500, blank=True, help_text=_("A few words, separated by commas."))
    sector = models.ForeignKey("registry.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sector"))
    sdgs = ArrayField(models.PositiveSmallIntegerField(choices=SDG), default=list, blank=True, verbose_name=_("SDG goals"))
    status = models.CharField(_("status"), max_length=10, choices=PostStatus, default=PostStatus.OPEN)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def sdg_labels(self) -> list[str]:
        return [str(SDG(number).label) for number in self.sdgs]


class Need(Post):
    """What an agency asks for."""

    institution = models.ForeignKey("registry.Institution", on_delete=models.PROTECT, related_name="needs", verbose_name=_("agency"))
    help_kinds = ArrayField(models.CharField(max_length=20, choices=HelpKind), default=list, verbose_name=_("help sought"))
    actor_types = ArrayField(
        models.CharField(max_length=32, choices=ActorType), default=list, blank=True, verbose_name=_("from which types of actor")
    )

    class Meta(Post.Meta):
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    @property
    def help_kind_labels(self) -> list[str]:
        return [str(HelpKind(kind).label) for kind in self.help_kinds]


class Offer(Post):
    """What an organization of the directory can give."""

    organization = models.ForeignKey("registry.Organization", on_delete=models.PROTECT, related_name="offers", verbose_name=_("organization"))
    offer_kinds = ArrayField(models.CharField(max_length=20, choices=OfferKind), default=list, verbose_name=_("what it offers"))

    class Meta(Post.Meta):
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    @property
    def offer_kind_labels(self) -> list[str]:
        return [str(OfferKind(kind).label) for kind in self.offer_kinds]


class Match(models.Model):
    """A need and an offer the technical unit put together, and the dialogue proposed for them."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="matches")
    dialogue = models.ForeignKey("dialogues.Dialogue", on_delete=models.SET_NULL, null=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [models.UniqueConstraint(fields=["need", "offer"], name="match_once")]


class Reply(models.Model):
    """A message sent through the platform to whoever posted a need or an offer: its text is kept,
    no address is shown."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = BoundedTextField(_("message"), max_length=ANSWER_MAX_CHARS)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.CheckConstraint(condition=models.Q(need__isnull=False) ^ models.Q(offer__isnull=False), name="reply_to_one_post")
        ]
