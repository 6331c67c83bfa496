import json

from django.http import HttpResponse
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """`?page_size=` up to 100: large enough for analysts, small enough to keep responses fast."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_paginated_json(self, results: str) -> HttpResponse:
        """The same envelope as get_paginated_response around results already written as JSON
        text (api.page_json), so they are not parsed and written again."""
        envelope = json.dumps(
            {"count": self.page.paginator.count, "next": self.get_next_link(), "previous": self.get_previous_link()},
            ensure_ascii=False, separators=(",", ":"),
        )
        return HttpResponse(f'{envelope[:-1]},"results":{results}}}', content_type="application/json")
