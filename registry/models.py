from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy as _

from registry.choices import (
    choice_labels,
    ANSWER_MAX_CHARS,
    LIST_ITEM_MAX_CHARS,
    DRAFT_LIST_ITEMS,
    DRAFT_STATUSES,
    MAX_LIST_ITEMS,
    NOTE_MAX_CHARS,
    MULTI_ACTOR_MIN_TYPES,
    SDG,
    STATUS_TRANSITIONS,
    STATUSES_NEEDING_REASON,
    SUSTAINABLE_DEVELOPMENT_MIN_TYPES,
    UNCOUNTED_ACTOR_TYPES,
    ActorType,
    Classification,
    Freshness,
    InitiativeType,
    Modality,
    Phase,
    Role,
    SegibRole,
    Status,
    classification_reason,
    classify,
    freshness_cutoffs,
    freshness_of,
)
from registry.ficha import Kind, initiative_questions
from registry.fields import BoundedTextField
from registry.search import search_query, search_vector
from registry.text import fold


def current_language() -> str:
    """The active site language among those reference data is named in (es, pt, en)."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in ("es", "pt", "en") else "es"


class TranslatedNameMixin:
    """Reference data (countries, sectors) carries its names in each language of the site."""

    @property
    def name(self) -> str:
        return getattr(self, f"name_{current_language()}") or self.name_es

    def __str__(self) -> str:
        return self.name


class Country(TranslatedNameMixin, models.Model):
    iso2 = models.CharField(_("ISO alpha-2 code"), max_length=2, primary_key=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=100)
    name_pt = models.CharField(_("name in Portuguese"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    is_ibero_american = models.BooleanField(_("Ibero-American space"), default=False)
    # When it last changed: the API's updated_since and Last-Modified read it (api.conditional).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name_es"]

    def save(self, *args, **kwargs):
        renaming = not self._state.adding  # a new country has no initiatives yet
        super().save(*args, **kwargs)
        if renaming:
            # The catalog lists initiatives by their reporting country's Spanish name (Initiative.country_order).
            Initiative.objects.filter(institution__country=self).exclude(country_order=self.name_es).update(country_order=self.name_es)


class SegibArea(TranslatedNameMixin, models.Model):
    """An area ("ámbito de actuación") of SEGIB's classification of activity sectors, as the annual
    Report on South-South Cooperation in Ibero-America groups them (registry.reference_data)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=150)
    name_pt = models.CharField(_("name in Portuguese"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SEGIB area")
        verbose_name_plural = _("SEGIB areas")
        ordering = ["order"]


class SegibSector(TranslatedNameMixin, models.Model):
    """A sector of SEGIB's classification, the second sector vocabulary of the registry."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    area = models.ForeignKey(SegibArea, on_delete=models.PROTECT, related_name="sectors", verbose_name=_("area"))
    name_es = models.CharField(_("name in Spanish"), max_length=150)
    name_pt = models.CharField(_("name in Portuguese"), max_length=150)
    name_en = models.CharField(_("name in English"), max_length=150)
    # The languages whose name was found in a SEGIB text; the others are the usual wording, to
    # confirm against the latest report (registry/data/segib_classification.json cites the sources).
    verified_languages = ArrayField(models.CharField(max_length=2), default=list, blank=True, verbose_name=_("names confirmed in SEGIB texts"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("SEGIB sector")
        verbose_name_plural = _("SEGIB sectors")
        ordering = ["area__order", "order"]


class Sector(TranslatedNameMixin, models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name_es = models.CharField(_("name in Spanish"), max_length=100)
    name_pt = models.CharField(_("name in Portuguese"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    # The crosswalk to SEGIB's vocabulary: where its initiatives count in SEGIB's classification.
    segib_sector = models.ForeignKey(
        SegibSector, on_delete=models.SET_NULL, null=True, blank=True, related_name="registry_sectors", verbose_name=_("SEGIB sector")
    )
    # When it last changed: the API's updated_since and Last-Modified read it (api.conditional).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["name_es"]


class Institution(models.Model):
    """The agency that completes a ficha on behalf of its country."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("country")
    )
    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    # The yearly reminder to confirm its initiatives goes out at most once in CONFIRMATION_DUE_DAYS.
    confirmation_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["country__name_es", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "name"], name="institution_unique_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.acronym or self.name} ({self.country_id})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Its initiatives are listed by its country's name (Initiative.country_order).
        self.initiatives.exclude(country_order=self.country.name_es).update(country_order=self.country.name_es)


class User(AbstractUser):
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("institution"),
        help_text=_("Focal points act for this institution and only see its drafts."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Times are shown on this clock. Empty: the time of your country's capital."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args, **kwargs):
        # Whoever changes the password (the person, the admin, a reset link, a command) also ends
        # every API token: one that leaked with the old password must not outlive it. Sessions
        # end through Django's session hash.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            self.auth_token_set.all().delete()

    def has_role(self, role: Role) -> bool:
        if not self.is_active:
            return False
        if role == Role.TECHNICAL_UNIT and self.is_superuser:
            return True
        # The groups are prefetched by the auth backend's permission cache only, so look once.
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return role.value in self._role_names

    @property
    def is_technical_unit(self) -> bool:
        return self.has_role(Role.TECHNICAL_UNIT)

    @property
    def is_focal_point(self) -> bool:
        return self.has_role(Role.FOCAL_POINT) and self.institution_id is not None

    @property
    def is_analyst(self) -> bool:
        return self.has_role(Role.ANALYST)


class Organization(models.Model):
    """An actor taking part in initiatives (a ministry, a company, an NGO, a university...)."""

    name = models.CharField(_("name"), max_length=300)
    actor_type = models.CharField(_("actor type"), max_length=32, choices=ActorType)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
        verbose_name=_("country"),
    )
    # Folded name: "Ministerio de Ambiente" and "MINISTERIO DE AMBIENTE" are the same actor.
    normalized_name = models.CharField(max_length=300, editable=False, db_index=True)
    # Actors with experience in managing alliances who offer to share it (the report's
    # recommendation). Topics and contact are shown to signed-in focal points only.
    offers_mentoring = models.BooleanField(_("offers to mentor other actors"), default=False)
    mentoring_topics = BoundedTextField(_("mentoring topics"), max_length=NOTE_MAX_CHARS, blank=True)
    mentoring_contact = models.CharField(_("mentoring contact"), max_length=300, blank=True)
    # How many published initiatives it takes part in, kept by registry.services (and by a
    # participation's deletion, registry.counts): the public directory lists and counts actors by it
    # instead of looking through every participation, which grew with the registry.
    published_initiatives = models.PositiveIntegerField(default=0, editable=False)
    # When it last changed: the API's updated_since and Last-Modified read it (api.conditional).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalized_name", "country"],
                nulls_distinct=False,
                name="organization_unique_name_per_country",
                violation_error_message=_("An organization with this name already exists in this country."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        self.name = " ".join(self.name.split())
        self.normalized_name = fold(self.name)

    def save(self, *args, **kwargs):
        self.normalized_name = fold(self.name)
        if self.pk is not None and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # The count is registry.counts' to write: an edit (the admin's) must not put back the one it loaded.
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields if not field.primary_key and field.name != "published_initiatives"
            ]
        super().save(*args, **kwargs)


def _classification_expression():
    """The classification rule of choices.classify(), in SQL, so lists can filter and count by it."""
    distinct_types = (
        Participation.objects.filter(initiative=OuterRef("pk"))
        .exclude(actor_type__in=UNCOUNTED_ACTOR_TYPES)
        .order_by()
        .values("initiative")
        .annotate(n=Count("actor_type", distinct=True))
        .values("n")
    )
    computed = models.Case(
        models.When(
            Q(n_actor_types__gte=SUSTAINABLE_DEVELOPMENT_MIN_TYPES),
            then=Value(Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE.value),
        ),
        models.When(
            Q(n_actor_types__gte=MULTI_ACTOR_MIN_TYPES),
            then=Value(Classification.MULTI_ACTOR_ALLIANCE.value),
        ),
        default=Value(Classification.NOT_MULTI_ACTOR.value),
    )
    return Coalesce(Subquery(distinct_types), 0), computed


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def with_classification(self):
        n_actor_types, computed = _classification_expression()
        return self.annotate(n_actor_types=n_actor_types).annotate(
            classification_code=models.Case(
                models.When(classification_override="", then=computed),
                default=models.F("classification_override"),
            )
        )

    def with_freshness(self, now=None):
        """`freshness_code` from the last confirmation (else the publication) against `now`."""
        due_since, inactive_since = freshness_cutoffs(now or timezone.now())
        return self.annotate(
            freshness_since=Coalesce("last_confirmed_at", "published_at", "created_at"),
            freshness_code=models.Case(
                models.When(freshness_since__gt=due_since, then=Value(Freshness.CURRENT.value)),
                models.When(freshness_since__gt=inactive_since, then=Value(Freshness.TO_CONFIRM.value)),
                default=Value(Freshness.INACTIVE.value),
            ),
        )

    def search(self, text: str):
        """Accent- and case-insensitive full-text search, stemmed in Spanish, Portuguese and
        English at once (registry.search), best first."""
        folded = fold(text)
        if not folded:
            return self
        query = search_query(folded)
        return self.filter(search_vector=query).annotate(rank=SearchRank(models.F("search_vector"), query))

    def with_actor_type(self, actor_types):
        return self.filter(indexed_actor_types__overlap=list(actor_types))

    def visible_to(self, user):
        """Published initiatives for everyone; the technical unit sees all; a focal point also
        sees every status of their own institution's initiatives."""
        if user is None or not user.is_authenticated:
            return self.published()
        if user.is_technical_unit:
            return self
        if user.is_focal_point:
            return self.filter(Q(status=Status.PUBLISHED) | Q(institution_id=user.institution_id))
        return self.published()


class InvalidTransition(ValidationError):
    pass


class SharedInitiative(models.Model):
    """One initiative as several partner countries reported it (a triangular or bilateral one is
    often reported by each side, in its own words). Each country's report stays an Initiative of
    its own, with its wording, its focal point and the SEGIB roles as it reported them; this
    record links them, so totals count them once (registry.shared)."""

    name = models.CharField(_("agreed name"), max_length=500)
    note = BoundedTextField(_("curator's note"), max_length=NOTE_MAX_CHARS, blank=True)
    created_by = models.ForeignKey("registry.User", on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # Optimistic locking, as the initiative's: every change through registry.shared increments it.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("shared initiative")
        verbose_name_plural = _("shared initiatives")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class SharedRole(models.Model):
    """A partner country's SEGIB role in a shared initiative as its own focal point confirmed or
    corrected it: what the reports said is kept in them, unchanged."""

    shared = models.ForeignKey(SharedInitiative, on_delete=models.CASCADE, related_name="roles")
    country = models.ForeignKey("registry.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    segib_role = models.CharField(_("SEGIB role"), max_length=20, choices=SegibRole)
    confirmed_by = models.ForeignKey("registry.User", on_delete=models.SET_NULL, null=True, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now=True)

    class Meta:
        verbose_name = _("confirmed role")
        verbose_name_plural = _("confirmed roles")
        constraints = [models.UniqueConstraint(fields=["shared", "country"], name="shared_role_once_per_country")]

    def __str__(self) -> str:
        return f"{self.country}: {self.get_segib_role_display()}"


class Initiative(models.Model):
    # --- The ficha ---
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("reporting institution"),
        help_text=_("Country and institution completing the form."),
    )
    initiative_type = models.PositiveSmallIntegerField(
        _("type of initiative"),
        choices=InitiativeType,
        null=True,
        blank=True,
        help_text=_("Choose 1, 2, 3 or 4. If you choose 4, specify what kind of initiative it is."),
    )
    initiative_type_other = models.CharField(
        _("other type (specify)"), max_length=300, blank=True
    )
    name = models.CharField(_("name of the initiative"), max_length=500)
    objectives = BoundedTextField(_("objectives"), max_length=ANSWER_MAX_CHARS, blank=True)
    organizations = models.ManyToManyField(
        Organization,
        through="Participation",
        related_name="initiatives",
        verbose_name=_("actors involved"),
        help_text=_("Name every actor and state which type of actor it is."),
    )
    partner_countries = models.ManyToManyField(
        Country,
        through="InitiativeCountry",
        related_name="partner_initiatives",
        verbose_name=_("other countries involved"),
    )
    focal_point_name = models.CharField(_("focal point name"), max_length=200, blank=True)
    focal_point_email = models.EmailField(_("focal point e-mail"), blank=True)
    justification = BoundedTextField(
        _("justification"),
        max_length=ANSWER_MAX_CHARS,
        blank=True,
        help_text=_(
            "Briefly describe why the initiative came about and highlight the reasons for its "
            "multi-actor nature."
        ),
    )
    strengths = ArrayField(
        BoundedTextField(max_length=LIST_ITEM_MAX_CHARS),
        size=DRAFT_LIST_ITEMS,
        default=list,
        blank=True,
        verbose_name=_("strengths"),
        help_text=_(
            "Up to 3 strengths of the design and/or implementation: what positive lessons came "
            "out of it, especially those linked to its multi-actor nature?"
        ),
    )
    challenges = ArrayField(
        BoundedTextField(max_length=LIST_ITEM_MAX_CHARS),
        size=DRAFT_LIST_ITEMS,
        default=list,
        blank=True,
        verbose_name=_("challenges"),
        help_text=_(
            "Up to 3 challenges of the design and/or implementation: what bottlenecks arose in "
            "the multi-actor process?"
        ),
    )
    results = ArrayField(
        BoundedTextField(max_length=LIST_ITEM_MAX_CHARS),
        size=DRAFT_LIST_ITEMS,
        default=list,
        blank=True,
        verbose_name=_("main results"),
        help_text=_("Up to 3 of the main results achieved."),
    )
    wants_to_share = models.BooleanField(
        _("willing to share the experience"),
        null=True,
        blank=True,
        help_text=_("Is the country interested in sharing this experience with other countries?"),
    )

    # --- Curation by the technical unit ---
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="initiatives", verbose_name=_("sectors")
    )
    modality = models.CharField(_("modality"), max_length=20, choices=Modality, blank=True)
    sdgs = ArrayField(
        models.PositiveSmallIntegerField(choices=SDG),
        default=list,
        blank=True,
        verbose_name=_("SDG goals"),
    )
    phase = models.CharField(_("alliance phase"), max_length=32, choices=Phase, blank=True)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False
    )
    status_reason = BoundedTextField(
        _("review comments"),
        max_length=ANSWER_MAX_CHARS,
        blank=True,
        editable=False,
        help_text=_("Why the initiative was returned or rejected."),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    # Set when published and whenever a focal point of the country confirms it is still current.
    last_confirmed_at = models.DateTimeField(_("last confirmed by its country"), null=True, editable=False)
    classification_override = models.CharField(
        _("classification set by the technical unit"),
        max_length=40,
        choices=Classification,
        blank=True,
        help_text=_("Leave empty to use the classification computed from the actor types."),
    )
    classification_override_reason = BoundedTextField(
        _("reason for the classification"), max_length=ANSWER_MAX_CHARS, blank=True
    )
    out_of_scope = models.BooleanField(
        _("not South-South or triangular cooperation"),
        default=False,
        help_text=_("Marks an initiative that is outside the scope of South-South and triangular cooperation."),
    )
    out_of_scope_reason = BoundedTextField(_("reason it is out of scope"), max_length=ANSWER_MAX_CHARS, blank=True)

    # Folded copy of the searchable text (see registry.text); kept in step by the services.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=search_vector("search_text"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # The reporting country's Spanish name, the catalog's order: kept on the row (save below) so
    # an index gives a page without sorting every initiative, which at 100,000 took most of a page.
    country_order = models.CharField(max_length=100, blank=True, editable=False)
    # The initiative's sector ids and actor types, kept by database triggers (migration 0021) on
    # every write to its sectors or actors, whatever the path, and written by nothing else: the
    # catalog's and the API's filters read them through GIN indexes, combined in one bitmap with
    # the text search, where semi-joins hashed every tagged initiative (most of a filtered API
    # page at 100,000).
    indexed_sector_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    indexed_actor_types = ArrayField(models.CharField(max_length=32), default=list, editable=False)
    # The same initiative as other countries reported it (registry.shared): set and cleared by the
    # technical unit's linking, which does not change the report itself (nor its version).
    shared = models.ForeignKey(
        SharedInitiative, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="reports",
        verbose_name=_("shared initiative"),
    )
    # Optimistic locking: every save through the services increments it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["country_order", "name", "id"]
        indexes = [
            GinIndex(fields=["search_vector"], name="initiative_search_gin"),
            GinIndex(fields=["sdgs"], name="initiative_sdgs_gin"),
            GinIndex(fields=["indexed_sector_ids"], name="initiative_sectors_gin"),
            GinIndex(fields=["indexed_actor_types"], name="initiative_actor_types_gin"),
            # The same, of the published ones only: what visitors and analysts search. A filter
            # on words, sector and actor type then needs no index of the status beside them, and
            # reads a third less. One index of the three columns, not one each: PostgreSQL then
            # intersects the conditions inside the index instead of building a bitmap of every
            # match of each (a word, a sector and an actor type each keep a quarter to a third
            # of the registry): 11 ms against 28 at 100,000, and no slower on one condition alone.
            GinIndex(
                fields=["search_vector", "indexed_sector_ids", "indexed_actor_types"],
                condition=Q(status=Status.PUBLISHED), name="published_facets_gin",
            ),
            models.Index(fields=["status"], name="initiative_status_idx"),
            models.Index(fields=["status", "country_order", "name", "id"], name="initiative_catalog_order_idx"),
            # Every API list says what it holds (count and latest change, its ETag): read from the
            # index alone, not from a heap larger than the database's memory at 100,000.
            models.Index(fields=["status", "updated_at"], include=["id"], name="initiative_status_updated_idx"),
        ]
        constraints = [
            # A draft may still lack these; from submission on, the ficha's rules hold.
            models.CheckConstraint(
                condition=Q(status__in=sorted(DRAFT_STATUSES)) | Q(initiative_type__isnull=False),
                name="initiative_type_given",
                violation_error_message=_("Choose the type of initiative."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=sorted(DRAFT_STATUSES)) | ~Q(initiative_type=InitiativeType.OTHER) | ~Q(initiative_type_other=""),
                name="initiative_other_type_specified",
                violation_error_message=_("Specify the kind of initiative when its type is 4 (Other)."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=sorted(DRAFT_STATUSES)) | Q(strengths__len__lte=MAX_LIST_ITEMS),
                name="initiative_at_most_3_strengths",
                violation_error_message=_("Give at most 3 strengths."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=sorted(DRAFT_STATUSES)) | Q(challenges__len__lte=MAX_LIST_ITEMS),
                name="initiative_at_most_3_challenges",
                violation_error_message=_("Give at most 3 challenges."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=sorted(DRAFT_STATUSES)) | Q(results__len__lte=MAX_LIST_ITEMS),
                name="initiative_at_most_3_results",
                violation_error_message=_("Give at most 3 main results."),
            ),
            models.CheckConstraint(
                condition=Q(sdgs__contained_by=SDG.values),
                name="initiative_sdgs_valid",
                violation_error_message=_("SDG goals go from 1 to 17."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True)
                | Q(end_year__isnull=True)
                | Q(end_year__gte=models.F("start_year")),
                name="initiative_years_in_order",
                violation_error_message=_("The end year cannot be before the start year."),
            ),
            models.CheckConstraint(
                condition=Q(classification_override="") | ~Q(classification_override_reason=""),
                name="initiative_override_has_reason",
                violation_error_message=_("Give the reason for setting the classification by hand."),
            ),
            models.CheckConstraint(
                condition=Q(out_of_scope=False) | ~Q(out_of_scope_reason=""),
                name="initiative_out_of_scope_has_reason",
                violation_error_message=_("Give the reason why the initiative is out of scope."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean_fields(self, exclude=None):
        # Empty lines typed into a list are not items: drop them before the 3-item limit is checked.
        for question in initiative_questions():
            if question.kind == Kind.LIST:
                field = question.fields[0]
                setattr(self, field, [item.strip() for item in getattr(self, field) if item and item.strip()])
        super().clean_fields(exclude)

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or len(update_fields):  # save(update_fields=[]) writes nothing
            self.country_order = self._reporting_country_name()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "country_order"}
        super().save(*args, **kwargs)

    def _reporting_country_name(self) -> str:
        # The services pass the institution with its country loaded: no query then.
        institution = self.institution if Initiative.institution.is_cached(self) else None
        if institution is not None and Institution.country.is_cached(institution):
            return institution.country.name_es
        return Country.objects.filter(institutions=self.institution_id).values_list("name_es", flat=True).first() or ""

    def clean(self):
        self.name = " ".join(self.name.split())
        self.initiative_type_other = self.initiative_type_other.strip()
        if self.initiative_type != InitiativeType.OTHER:
            self.initiative_type_other = ""
        self.sdgs = sorted(set(self.sdgs))

    # --- Derived values ---
    @property
    def country(self) -> Country:
        return self.institution.country

    @property
    def actor_types(self) -> list[str]:
        """Distinct actor types in the order of the vocabulary (uses prefetched participations)."""
        present = {participation.actor_type for participation in self.participations.all()}
        return [value for value in ActorType.values if value in present]

    @property
    def counted_actor_types(self) -> list[str]:
        """The actor types the classification counts (choices.UNCOUNTED_ACTOR_TYPES aside)."""
        return [value for value in self.actor_types if value not in UNCOUNTED_ACTOR_TYPES]

    @property
    def computed_classification(self) -> Classification:
        return classify(len(self.counted_actor_types))

    @property
    def classification(self) -> Classification:
        if self.classification_override:
            return Classification(self.classification_override)
        return self.computed_classification

    @property
    def classification_reason(self) -> str:
        if self.classification_override:
            return self.classification_override_reason
        labels = [choice_labels(ActorType)[value] for value in self.counted_actor_types]
        return classification_reason(len(labels), ", ".join(str(label) for label in labels))

    @property
    def confirmed_on(self):
        return self.last_confirmed_at or self.published_at or self.created_at

    @property
    def freshness(self) -> Freshness:
        return freshness_of(self.confirmed_on, timezone.now())

    @property
    def sdg_labels(self) -> list[str]:
        return [choice_labels(SDG)[goal] for goal in self.sdgs]

    def participations_by_actor_type(self) -> list[tuple[str, list["Participation"]]]:
        groups: dict[str, list[Participation]] = {}
        for participation in self.participations.all():
            groups.setdefault(participation.actor_type, []).append(participation)
        return [(choice_labels(ActorType)[value], groups[value]) for value in ActorType.values if value in groups]

    # --- Status ---
    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED

    def set_classification(self, classification: str, reason: str) -> None:
        """Set the classification by hand (with its reason), or clear the override with ''. The
        caller saves."""
        if classification and classification not in Classification.values:
            raise ValidationError(_("“%(value)s” is not a classification.") % {"value": classification})
        self.classification_override = classification
        self.classification_override_reason = reason.strip() if classification else ""

    @property
    def awaits_decision(self) -> bool:
        """Sent with its ficha and not yet published, kept in review or rejected."""
        return self.status == Status.SUBMITTED

    def can_transition_to(self, status: str) -> bool:
        return status in STATUS_TRANSITIONS.get(self.status, frozenset())

    def transition_to(self, status: str, *, reason: str = "") -> None:
        """Move to a new status or raise InvalidTransition; the caller saves."""
        if not self.can_transition_to(status):
            raise InvalidTransition(
                _("An initiative cannot go from “%(current)s” to “%(new)s”."),
                code="invalid_transition",
                params={"current": choice_labels(Status)[self.status], "new": choice_labels(Status)[status]},
            )
        reason = reason.strip()
        if status in STATUSES_NEEDING_REASON and not reason:
            raise InvalidTransition(
                _("Write the reason for this decision: the focal point will read it."),
                code="reason_required",
            )
        now = timezone.now()
        self.status = status
        self.status_changed_at = now
        if status in STATUSES_NEEDING_REASON:
            self.status_reason = reason
        elif status == Status.SUBMITTED:
            self.submitted_at = now
        elif status == Status.PUBLISHED:
            self.published_at = self.last_confirmed_at = now
            self.status_reason = ""

    def _searchable_answers(self) -> list[str]:
        """The texts of the ficha's answers (registry.ficha): never a person's contact."""
        texts = []
        for question in initiative_questions():
            if question.kind in (Kind.TEXT, Kind.INITIATIVE_TYPE):
                texts.append(getattr(self, question.fields[-1]))
            elif question.kind == Kind.LIST:
                texts.extend(getattr(self, question.fields[0]))
        return texts

    def build_search_text(self, organization_names: list[str] | None = None) -> str:
        """The folded text that free-text search matches. Bulk loaders that have not saved the
        participations yet pass the actors' names."""
        if organization_names is None:
            organization_names = [p.organization.name for p in self.participations.all()]
        parts = [
            *self._searchable_answers(),
            self.institution.name,
            self.institution.acronym,
            self.institution.country.name_es,
            self.institution.country.name_pt,
            *organization_names,
        ]
        return fold(" ".join(part for part in parts if part))


# What the technical unit adds to a ficha's answers (the ficha's own questions: registry.ficha).
CURATION_FIELDS = ("sectors", "modality", "sdgs", "phase", "start_year", "end_year")


class Participation(models.Model):
    """An organization taking part in an initiative, with the actor type it plays there."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="participations", verbose_name=_("initiative")
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organization")
    )
    actor_type = models.CharField(_("actor type"), max_length=32, choices=ActorType)
    role = models.CharField(_("role"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organization"],
                name="participation_unique_organization",
                violation_error_message=_("This organization is already listed as an actor of the initiative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_actor_type_display()})"


class InitiativeCountry(models.Model):
    """Another country involved in an initiative, with its optional SEGIB role."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="country_links", verbose_name=_("initiative")
    )
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="initiative_links", verbose_name=_("country")
    )
    segib_role = models.CharField(_("SEGIB role"), max_length=20, choices=SegibRole, blank=True)

    class Meta:
        verbose_name = _("other country involved")
        verbose_name_plural = _("other countries involved")
        ordering = ["country__name_es"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "country"],
                name="initiative_country_unique",
                violation_error_message=_("This country is already listed for the initiative."),
            )
        ]

    def __str__(self) -> str:
        if self.segib_role:
            return f"{self.country} ({self.get_segib_role_display()})"
        return str(self.country)

    def clean(self):
        # The one place of this rule: the services, the admin's inline and any form validate here.
        initiative = getattr(self, "initiative", None)
        if initiative is not None and initiative.institution_id and self.country_id == initiative.institution.country_id:
            raise ValidationError(
                _("The reporting country cannot also be listed as another country involved."), code="reporting_country"
            )


class AuditEntry(models.Model):
    """Who changed what, and when. Written by the services, never by signals."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")
        STATUS = "status", _("Status changed")
        ERASE = "erase", _("Personal data erased")

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("object"), max_length=300)
    action = models.CharField(_("action"), max_length=10, choices=Action)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="audit_target_idx")]

    def __str__(self) -> str:
        return f"{self.object_repr}: {self.get_action_display()}"


# Defined beside the code that uses it; imported here so Django registers it with the app.
