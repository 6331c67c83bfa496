"""Model fields of our own."""

from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.db import models


class BoundedTextField(models.TextField):
    """A TextField whose max_length full_clean() checks too (Django's TextField passes it to forms
    only), and that refuses NUL characters, which PostgreSQL cannot store: every write path
    (form, Word, admin, API, command) gets the same clear message instead of a database error."""

    def __init__(self, *args, max_length: int, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.extend([MaxLengthValidator(max_length), ProhibitNullCharactersValidator()])
