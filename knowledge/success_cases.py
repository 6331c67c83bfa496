"""Success cases: systematised experiences in the format PIFCSS uses (source document 004),
linked to registry initiatives, curated and published by the technical unit."""

import re

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.choices import LIST_ITEM_MAX_CHARS, NOTE_MAX_CHARS, SDG, TriangularValue, choice_labels
from registry.fields import BoundedTextField
from registry.text import fold

SDG_TARGET = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-d])$")


def validate_sdg_targets(targets: list[str]) -> None:
    wrong = [target for target in targets if not SDG_TARGET.match(target)]
    if wrong:
        raise ValidationError(
            _("SDG targets are written like 17.16 or 4.a: %(wrong)s"), params={"wrong": ", ".join(wrong)}
        )


class SuccessCaseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        if user.is_authenticated and user.is_technical_unit:
            return self
        return self.published()

    def search(self, text: str):
        words = fold(text).split()
        queryset = self
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset


class SuccessCase(models.Model):
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=300)
    initiatives = models.ManyToManyField(
        "registry.Initiative", blank=True, related_name="success_cases", verbose_name=_("initiatives"),
        db_table="registry_successcase_initiatives",
    )
    countries = models.ManyToManyField(
        "registry.Country", blank=True, related_name="+", verbose_name=_("countries where the action took place"),
        db_table="registry_successcase_countries",
    )
    sdgs = ArrayField(models.PositiveSmallIntegerField(choices=SDG.choices), default=list, blank=True, verbose_name=_("SDG goals"))
    sdg_targets = ArrayField(
        models.CharField(max_length=6), default=list, blank=True, validators=[validate_sdg_targets],
        verbose_name=_("SDG targets"), help_text=_("Comma separated, e.g. 17.16, 4.a"),
    )
    summary = BoundedTextField(_("summary of the case"), max_length=NOTE_MAX_CHARS)
    learnings = BoundedTextField(_("main learnings and recommendations"), max_length=NOTE_MAX_CHARS, blank=True)
    achievements = ArrayField(
        BoundedTextField(max_length=LIST_ITEM_MAX_CHARS), default=list, blank=True,
        verbose_name=_("objectives and impacts achieved"),
        help_text=_("One per line."),
    )
    success_factors = BoundedTextField(_("key success factors"), max_length=NOTE_MAX_CHARS, blank=True)
    triangular_values = ArrayField(
        models.CharField(max_length=30, choices=TriangularValue.choices), default=list, blank=True,
        verbose_name=_("added values of triangular cooperation"),
    )
    references = ArrayField(models.URLField(max_length=500), default=list, blank=True, verbose_name=_("references (links)"))
    keywords = ArrayField(models.CharField(max_length=100), default=list, blank=True, verbose_name=_("keywords"))
    is_published = models.BooleanField(_("published in the catalog"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SuccessCaseQuerySet.as_manager()

    class Meta:
        db_table = "registry_successcase"  # created by the registry app, before knowledge had its own
        verbose_name = _("success case")
        verbose_name_plural = _("success cases")
        ordering = ["-published_at", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        self.search_text = fold(
            " ".join([self.title, self.author, self.summary, self.learnings, self.success_factors, *self.keywords, *self.achievements])
        )
        super().save(*args, **kwargs)

    @property
    def sdg_labels(self) -> list[str]:
        return [choice_labels(SDG)[goal] for goal in self.sdgs]

    @property
    def value_labels(self) -> list[str]:
        return [choice_labels(TriangularValue)[value] for value in self.triangular_values]


class SuccessCaseActor(models.Model):
    case = models.ForeignKey(SuccessCase, on_delete=models.CASCADE, related_name="actors")
    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.PROTECT, related_name="success_case_roles", verbose_name=_("organization")
    )
    country = models.ForeignKey("registry.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("country"))

    class Meta:
        db_table = "registry_successcaseactor"
        verbose_name = _("actor involved")
        verbose_name_plural = _("actors involved")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["case", "organization"], name="success_case_actor_once")]

    def __str__(self) -> str:
        return f"{self.organization} ({self.country_id or '—'})"
