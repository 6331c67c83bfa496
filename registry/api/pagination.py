from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """`?page_size=` up to 100: large enough for analysts, small enough to keep responses fast."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
