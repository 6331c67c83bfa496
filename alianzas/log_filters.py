"""Logging that keeps the server's log readable: a refused request is one line."""

import logging


class ClientErrorsOnOneLine(logging.Filter):
    """Django logs a 403 or 404 with the exception that caused it, so every refused request wrote
    a full traceback: noise that hides real errors. A 4xx keeps its line; 5xx keep everything."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
