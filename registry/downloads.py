"""Serving a stored file (uploads, concept notes, report files) to a person already allowed to have it."""

from django.http import FileResponse, Http404

# The Word format every download of a .docx is sent as (fichas, reports, success cases).
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def stored_file_download(field_file, *, filename: str, content_type: str | None = None) -> FileResponse:
    """Always an attachment with nosniff: a stored file is never rendered by the browser. A file
    missing from the disk reads as not found, not as an error."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
