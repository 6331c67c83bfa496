from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from alianzas.health import health
from alianzas.landing import after_sign_in
from api import iati_validation
from registry import views as registry_views
from reports import map_views

# Admin screens of models that left the registry app for their own: old bookmarks keep working.
MOVED_ADMIN_MODELS = {"glossaryterm": "knowledge", "successcase": "knowledge"}
moved_admin = [
    re_path(
        rf"^admin/registry/{model}/(?P<rest>.*)$",
        RedirectView.as_view(url=f"/admin/{app}/{model}/%(rest)s", permanent=True, query_string=True),
    )
    for model, app in MOVED_ADMIN_MODELS.items()
]

urlpatterns = moved_admin + [
    path("", RedirectView.as_view(pattern_name="registry:initiative_list", permanent=False)),
    path("initiatives/map/", map_views.catalog_map, name="initiative_map"),
    path("initiatives/map.<str:format>", map_views.catalog_map_file, name="initiative_map_file"),
    path("initiatives/", include("registry.urls")),
    path("initiatives/", include("followup.urls")),
    path("survey/", include("surveys.urls")),
    path("dialogues/", include("dialogues.urls")),
    path("reports/", include("reports.urls")),
    path("data/", include("reports.open_data_urls")),
    path("api/v1/", include("api.urls")),
    path("health/", health, name="health"),
    path("welcome/", after_sign_in, name="after_sign_in"),
    # Browsers ask for it on pages that name no icon (the browsable API, downloads).
    path("favicon.ico", RedirectView.as_view(url="/static/favicon.svg", permanent=True), name="favicon"),
    path("audit/", registry_views.audit_list_view, name="audit_list"),
    path("iati/validation/", iati_validation.validation_page, name="iati_validation"),
    path("privacy/", registry_views.privacy_view, name="privacy"),
    path("", include("knowledge.urls")),
    path("actors/", include("directory.urls")),
    path("countries/", include("profiles.urls")),
    path("capacities/", include("capacities.urls")),
    path("training/", include("training.urls")),
    path("accounts/", include("accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "alianzas.errors.not_found"
handler500 = "alianzas.errors.server_error"
