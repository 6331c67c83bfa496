from django.contrib import admin

from followup.models import ExchangeRate
from registry.admin_versions import ReferenceAdmin


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ReferenceAdmin):
    """The yearly reference rates the reports convert contributions with; say the source of each."""

    list_display = ["currency", "year", "units_per_usd", "source"]
    list_filter = ["year"]
    search_fields = ["currency", "source"]
