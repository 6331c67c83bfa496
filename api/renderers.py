"""CSV for list endpoints (`?format=csv`): one row per record, nested values flattened so that a
spreadsheet opens them without a JSON parser."""

import csv
import io

from django.conf import settings
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer

from registry.text import spreadsheet_safe


def _flat(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return " ".join(_flat(item) for item in value.values() if item not in ("", None))
    if isinstance(value, list):
        return "; ".join(_flat(item) for item in value)
    return str(spreadsheet_safe(value))


def _campaign_answers(value: list) -> dict[str, str]:
    """An initiative's campaign_answers as a column per campaign and question key."""
    return {
        f"campaign_answers.{entry.get('campaign')}.{key}": _flat(answer)
        for entry in value
        if isinstance(entry, dict)
        for key, answer in (entry.get("answers") or {}).items()
    }


def _row(record: dict, prefix: str = "") -> dict[str, str]:
    row = {}
    for key, value in record.items():
        if key == "campaign_answers" and isinstance(value, list):
            row.update(_campaign_answers(value))
        elif isinstance(value, dict) and all(not isinstance(item, (dict, list)) for item in value.values()):
            row.update(_row(value, f"{prefix}{key}."))
        else:
            row[f"{prefix}{key}"] = _flat(value)
    return row


PAGE_ENVELOPE = {"count", "next", "previous", "results"}


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # A page's envelope, not a record that has a field called "results" (an initiative's).
        if isinstance(data, dict) and set(data) == PAGE_ENVELOPE:
            records = data["results"]
        elif isinstance(data, list):
            records = data
        else:
            records = [data]  # a single record or an error body
        rows = [_row(record) if isinstance(record, dict) else {"value": _flat(record)} for record in records]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        # A byte-order mark lets spreadsheet programs read accents correctly.
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")


class PolicyAwareBrowsableAPIRenderer(BrowsableAPIRenderer):
    """DRF's browsable pages carry an inline style attribute and a <style> block: they get
    inline styles (never inline scripts), every other page keeps the site's strict policy."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_config = settings.API_BROWSABLE_CSP
        return super().render(data, accepted_media_type, renderer_context)
