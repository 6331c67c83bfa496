"""The registry's API: reads for analysts, with the catalog's visibility
(Initiative.objects.visible_to) and FilterSets, and the technical unit's curation by PATCH."""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import (
    NotAuthenticated,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response
from rest_framework.views import APIView

from dialogues.selectors import dialogues_visible_to
from registry import services
from registry.shared import COUNTING_RULE
from api.conditional import ConditionalMixin, conditional_schema
from api.iati import iati_stream, not_exported
from api.matches import stamp_and_page
from api.pagination import Pages
from api.schema import ERROR_BODY as ERROR_BODY_SCHEMA
from api.page_json import initiative_page_json
from api.serializers import (
    QuestionnaireSerializer,
    CountrySerializer,
    CurationSerializer,
    InitiativeSerializer,
    OrganizationSerializer,
    SectorSerializer,
    StatsSerializer,
)
from directory.selectors import directory
from registry.lookups import posted_number
from registry.privacy import may_see_contacts
from registry.text import fold
from registry.filters import (
    CountryFilterSet,
    InitiativeFilterSet,
    OrganizationFilterSet,
    SectorFilterSet,
)
from registry.models import (
    Country,
    Initiative,
    InitiativeCountry,
    Organization,
    Participation,
    Sector,
)
from reports import figures
from reports.builders import report_filterset
from surveys.models import Questionnaire
from surveys.selectors import shared_entries


SEARCH_RANKED_HEADER = "X-Search-Ranked"
# A page far beyond any count (PostgreSQL's OFFSET is a bigint): answered 404 by the paginator.
MAX_OFFSET = 2**62


def etag_of(initiative: Initiative) -> str:
    """A strong ETag per saved version, so If-Match can compare it (weak ones never match)."""
    return f'"initiative-{initiative.pk}-v{initiative.version}"'


class CountedIds:
    """The page's initiative keys, counted on the filtered queryset itself (or by whoever already
    counted them: the list's ETag does, api.conditional)."""

    def __init__(self, initiatives, count: int | None = None, known_page: tuple[int, list[int]] | None = None):
        self.initiatives = initiatives
        self.ids = initiatives.values_list("pk", flat=True)
        self.ordered = self.ids.ordered
        self.known_count = count
        self.known_page = known_page  # (first position, keys) found with the count (api.matches)

    def count(self) -> int:
        return self.known_count if self.known_count is not None else self.initiatives.count()

    def __getitem__(self, index):
        if isinstance(index, slice) and self.known_page is not None and index.start == self.known_page[0]:
            return self.known_page[1][: index.stop - index.start]
        return self.ids[index]


@conditional_schema
class InitiativeViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilterSet
    pagination_class = Pages
    http_method_names = ["get", "head", "options", "patch"]

    page_keys: tuple[int, list[int]] | None = None
    page_ranked: bool | None = None

    def list_stamp(self, request) -> dict:
        # A search: the count, the latest change and the page's keys in one statement (api.matches).
        # Without one, the count is an index's and the page a walk of the key: materializing every
        # initiative to number them would cost more than it saves.
        if not fold(request.query_params.get("q") or ""):
            return super().list_stamp(request)
        size = self.paginator.get_page_size(request)
        asked = request.query_params.get(self.paginator.page_query_param, "1")
        searched = self.filter_queryset(self.visible())
        if asked in self.paginator.last_page_strings and (found := stamp_and_page(searched, 0, size)):
            # The last page is known once the matches are counted: a second statement, for a rare request.
            first = max(0, -(-found.stamp["count"] // size) - 1) * size
        elif (number := posted_number(asked)) and (number - 1) * size <= MAX_OFFSET:
            first = (number - 1) * size
        else:  # not a page number: the paginator answers 404 before anything is listed
            return super().list_stamp(request)
        if found := stamp_and_page(searched, first, size):
            self.page_keys, self.page_ranked = (first, found.keys), found.ranked
            return found.stamp
        return super().list_stamp(request)

    def list_response(self, request, *args, **kwargs):
        initiatives = self.filter_queryset(self.visible())
        ids = self.paginate_queryset(CountedIds(initiatives, count=self.stamp["count"], known_page=self.page_keys))
        results = initiative_page_json(
            ids, request=request, visible_dialogues=dialogues_visible_to(request.user),
            with_contacts=may_see_contacts(request.user),
        )
        if request.accepted_renderer.format == "json" and "indent" not in request.accepted_media_type:
            response = self.paginator.get_paginated_json(results)
        else:  # CSV, the browsable API and indented JSON render data, not text.
            response = self.get_paginated_response(json.loads(results))
        if self.page_ranked is not None:
            # Whether a search is listed best first, or by key because it matches too many (api.matches).
            response[SEARCH_RANKED_HEADER] = "true" if self.page_ranked else "false"
        return response

    def record_etag(self, record) -> str:
        return etag_of(record)  # by version, which If-Match on a PATCH names

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "If-Match", str, OpenApiParameter.HEADER,
                description="The ETag of the GET you based the change on; instead of `version` in the body.",
            )
        ],
        responses={
            200: InitiativeSerializer,
            409: OpenApiResponse(ERROR_BODY_SCHEMA, description="`version` is older than the saved one: read it again."),
            412: OpenApiResponse(ERROR_BODY_SCHEMA, description="If-Match names an older version: read it again."),
            428: OpenApiResponse(ERROR_BODY_SCHEMA, description="Neither `version` nor If-Match was sent."),
        },
    )
    def partial_update(self, request, pk=None):
        """The technical unit's curation: status (with its reason), classification override (with
        its reason) and sectors. The request says which version it read (`version`, or If-Match
        with the ETag of a GET); nothing is written unless that is still the saved one and every
        change is accepted."""
        if not request.user.is_authenticated:
            raise NotAuthenticated
        if not request.user.is_technical_unit:
            raise PermissionDenied
        initiative = self.get_object()
        curation = CurationSerializer(data=request.data)
        curation.is_valid(raise_exception=True)
        data = curation.validated_data
        if_match = request.headers.get("If-Match", "").strip()
        if "version" not in data and if_match in ("", "*"):
            return Response(
                {"detail": _("Say which version you read: send `version`, or If-Match with the ETag of your GET.")},
                status=428,
            )
        def stale(current) -> Response:
            return Response(
                {"detail": _("The initiative changed since you read it (it is now %(etag)s). Read it again.") % {"etag": etag_of(current)}},
                status=412,
            )

        if if_match and if_match != "*" and etag_of(initiative) not in (tag.strip() for tag in if_match.split(",")):
            return stale(initiative)
        try:
            # The service locks the row and compares versions: a save between this read and the
            # lock is caught there, and answered as the precondition the client used.
            services.initiative_curate(
                initiative=initiative,
                by=request.user,
                expected_version=data.get("version", initiative.version),
                status=data.get("status"),
                status_reason=data.get("status_reason", ""),
                classification=data.get("classification_override"),
                classification_reason=data.get("classification_override_reason", ""),
                sectors=data.get("sectors"),
            )
        except services.EditConflict as conflict:
            if "version" not in data:
                return stale(conflict.current)
            return Response({"detail": _("Someone saved this initiative after you read it. Read it again.")}, status=409)
        except DjangoValidationError as error:
            raise ValidationError({"detail": error.messages}) from None
        saved = self.get_queryset().get(pk=initiative.pk)
        response = Response(self.get_serializer(saved).data)
        response["ETag"] = etag_of(saved)
        return response

    def visible(self):
        return Initiative.objects.visible_to(self.request.user).with_classification().order_by("pk")

    def get_queryset(self):
        return self.visible().select_related("institution__country").prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("organization")),
            Prefetch("country_links", queryset=InitiativeCountry.objects.order_by("pk")),
            "sectors",
            # Links only to dialogues this person may open: the public ones unless they see more.
            Prefetch("dialogues", queryset=dialogues_visible_to(self.request.user).prefetch_related(None).order_by("pk")),
            Prefetch("ficha_entries", queryset=shared_entries(), to_attr="shared_entries"),
        )


@conditional_schema
class QuestionnaireViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """What each campaign asked, version by version: the key, kind and wording of the questions
    it added, which name the answers in an initiative's `campaign_answers`."""

    queryset = Questionnaire.objects.select_related("campaign").prefetch_related("questions").order_by("campaign_id", "version")
    pagination_class = Pages
    serializer_class = QuestionnaireSerializer


@conditional_schema
class CountryViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Country.objects.order_by("iso2")
    filterset_class = CountryFilterSet
    pagination_class = Pages
    serializer_class = CountrySerializer


@conditional_schema
class SectorViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Sector.objects.order_by("code")
    filterset_class = SectorFilterSet
    lookup_field = "code"
    serializer_class = SectorSerializer


@conditional_schema
class OrganizationViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """The actor directory's organizations: only those of initiatives the client may see, so a
    draft's actors stay as private as the draft."""

    queryset = Organization.objects.none()  # for the schema; get_queryset decides
    filterset_class = OrganizationFilterSet
    pagination_class = Pages
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return directory(self.request.user).order_by("name", "pk")


FILTER_NAMES = [name for name in InitiativeFilterSet.base_filters if name not in ("status", "ordering")]
FILTER_PARAMETERS = [OpenApiParameter(name, str, description=f"As on /initiatives/: {name}") for name in FILTER_NAMES]


def _published_or_400(request):
    """Published initiatives with the catalog's filters, as the reports read them; 400 on bad filters."""
    filterset = report_filterset(request.query_params)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return filterset.qs


class IatiExportView(APIView):
    """Published initiatives as IATI 2.03 activities (XML), with the catalog's filters."""

    @extend_schema(
        summary="Published initiatives as IATI 2.03 activities",
        parameters=FILTER_PARAMETERS,
        responses={(200, "application/xml"): OpenApiTypes.STR},
    )
    def get(self, request):
        initiatives = _published_or_400(request).select_related("institution__country").prefetch_related(
            Prefetch("participations", queryset=Participation.objects.select_related("organization")),
            Prefetch("country_links", queryset=InitiativeCountry.objects.order_by("pk")),
            Prefetch("sectors", queryset=Sector.objects.order_by("name_es")),
        )
        validation = request.build_absolute_uri(reverse("iati_validation"))
        response = StreamingHttpResponse(
            iati_stream(initiatives, validation_url=validation), content_type="application/xml; charset=utf-8"
        )
        # Nothing is left out silently: how many, also for clients that never read the comment.
        response["X-IATI-Not-Exported"] = str(not_exported(initiatives).count())
        return response


class StatsView(APIView):
    """The report's figures (reports.figures) over published initiatives, with the catalog's filters."""

    @extend_schema(responses=StatsSerializer, parameters=FILTER_PARAMETERS)
    def get(self, request):
        initiatives = figures.report_initiatives(_published_or_400(request))
        summary = figures.summary(initiatives)
        dialogues = figures.dialogue_figures(initiatives, reader=request.user)
        return Response(
            {
                "initiatives": summary.initiatives,
                "reports": summary.reports,
                "counting": COUNTING_RULE,
                "reporting_countries": summary.reporting_countries,
                "partner_countries": summary.partner_countries,
                "multi_actor": summary.multi_actor,
                "multi_actor_share": summary.multi_actor_share,
                "sustainable_development_alliances": summary.sustainable_alliances,
                "by_country": dict(summary.by_country),
                "by_sector": dict(summary.by_sector),
                "by_type": dict(summary.by_type),
                "by_modality": dict(summary.by_modality),
                "by_actor_type": dict(summary.by_actor_type),
                "by_classification": dict(summary.by_classification),
                "by_freshness": dict(summary.by_freshness),
                "dialogues": {
                    "organised": dialogues.organised,
                    "held": dialogues.held,
                    "cancelled": dialogues.cancelled,
                    "bilateral_held": dialogues.bilateral_held,
                },
            }
        )
