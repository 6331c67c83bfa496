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
