"""Additions to the generated OpenAPI schema."""

ERROR_BODY = {
    "type": "object",
    "description": "`detail` with a message, or each invalid field with its messages.",
    "additionalProperties": True,
}
ERRORS = {
    "400": "Invalid filters or values.",
    "401": "The token is invalid, or the operation needs one.",
    "403": "Not allowed for this person.",
    "404": "Not found, not visible to this person, or no such page.",
    "429": "Too many requests: wait and try again.",
}


def document_errors(result, generator, request, public):
    """Every operation may answer with these errors; saying so keeps clients and the fuzz test honest."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                # Errors come in the format asked for, like the data (`?format=csv` included).
                content = {"application/json": {"schema": ERROR_BODY}, "text/csv": {"schema": {"type": "string"}}}
                responses.setdefault(code, {"description": description, "content": content})
    return result


def document_not_modified(result, generator, request, public):
    """Operations that take If-None-Match (api.conditional) answer 304 when nothing changed."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if any(parameter.get("name") == "If-None-Match" for parameter in operation.get("parameters", [])):
                operation.setdefault("responses", {})["304"] = {
                    "description": "Not modified: what you hold (ETag, Last-Modified) is current. No body."
                }
    return result


def document_search_order(result, generator, request, public):
    """How a search of the initiatives is ordered (api.matches), on its `q` and its response."""
    from api.views import SEARCH_RANKED_HEADER
    from registry.search import SEARCH_RANKING_LIMIT

    operation = result.get("paths", {}).get("/api/v1/initiatives/", {}).get("get")
    if operation is None:
        return result
    rule = (
        f"A search matching at most {SEARCH_RANKING_LIMIT:,} initiatives is listed best first; a broader one by `id`, "
        f"as the list without a search (narrow it, or pass `ordering`). `count` is exact and every page reachable either way."
    )
    for parameter in operation.get("parameters", []):
        if parameter.get("name") == "q":
            parameter["description"] = " ".join(filter(None, [str(parameter.get("description") or ""), rule]))
    ok = operation.setdefault("responses", {}).setdefault("200", {})
    ok.setdefault("headers", {})[SEARCH_RANKED_HEADER] = {
        "description": "With `q` only: `true` when the page is listed best first, `false` when by `id`.",
        "schema": {"type": "string", "enum": ["true", "false"]},
    }
    return result
