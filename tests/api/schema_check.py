"""Checks each API response of the tests against the published OpenAPI schema, so that the
documentation cannot drift from what the API returns."""

import re
from functools import cache

import jsonschema
from rest_framework.test import APIClient


@cache
def _document() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return _nullable_as_null(SchemaGenerator().get_schema(request=None, public=True))


def _nullable_as_null(node):
    """OpenAPI 3.0's `nullable: true` in JSON Schema terms."""
    if isinstance(node, dict):
        node = {key: _nullable_as_null(value) for key, value in node.items()}
        if node.pop("nullable", False):
            return {"anyOf": [node, {"type": "null"}]}
        return node
    if isinstance(node, list):
        return [_nullable_as_null(item) for item in node]
    return node


@cache
def _routes() -> list[tuple[re.Pattern, str]]:
    return [
        (re.compile("^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path)) + "$"), path) for path in _document()["paths"]
    ]


def check(method: str, path: str, response) -> None:
    if response.status_code >= 300 or "json" not in response.get("Content-Type", ""):
        return
    template = next((template for pattern, template in _routes() if pattern.match(path)), None)
    assert template, f"{path} is not in the schema"
    operation = _document()["paths"][template][method.lower()]
    described = operation["responses"].get(str(response.status_code))
    assert described, f"{method} {path} answered {response.status_code}, which the schema does not describe"
    body_schema = described["content"]["application/json"]["schema"]
    root = {**body_schema, "components": _document()["components"]}
    validator = jsonschema.Draft202012Validator(root, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    validator.validate(response.json())


class SchemaCheckingClient(APIClient):
    def generic(self, method, path, *args, **kwargs):
        response = super().generic(method, path, *args, **kwargs)
        check(method, path.split("?")[0], response)
        return response
