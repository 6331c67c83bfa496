"""The shared glossary: the terms agency staff need in common (the source report asks for one
because the concept is new and staff rotate), in Spanish, Portuguese and English, each with its
source. Terms are linked where they first appear in the ficha's help texts on a page."""

import json
import re
from pathlib import Path

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SEED = Path(__file__).resolve().parent / "data" / "glossary.json"
LANGUAGES = ("es", "pt", "en")


def _language() -> str:
    language = (get_language() or "es")[:2]
    return language if language in LANGUAGES else "es"


class GlossaryTerm(models.Model):
    slug = models.SlugField(_("identifier"), unique=True, help_text=_("Used in links: /glossary/#identifier."))
    term_es = models.CharField(_("term in Spanish"), max_length=200)
    term_pt = models.CharField(_("term in Portuguese"), max_length=200)
    term_en = models.CharField(_("term in English"), max_length=200)
    aliases_es = ArrayField(models.CharField(max_length=200), blank=True, default=list, verbose_name=_("other forms in Spanish"))
    aliases_pt = ArrayField(models.CharField(max_length=200), blank=True, default=list, verbose_name=_("other forms in Portuguese"))
    aliases_en = ArrayField(models.CharField(max_length=200), blank=True, default=list, verbose_name=_("other forms in English"))
    definition_es = models.TextField(_("definition in Spanish"))
    definition_pt = models.TextField(_("definition in Portuguese"))
    definition_en = models.TextField(_("definition in English"))
    source = models.CharField(_("source"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "registry_glossaryterm"  # created by the registry app, before knowledge had its own
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = ["term_es"]

    def __str__(self) -> str:
        return self.term

    @property
    def term(self) -> str:
        return getattr(self, f"term_{_language()}") or self.term_es

    @property
    def definition(self) -> str:
        return getattr(self, f"definition_{_language()}") or self.definition_es

    def forms(self, language: str) -> list[str]:
        """What the term looks like in running text: its name and other forms (plurals, acronyms)."""
        return [form for form in [getattr(self, f"term_{language}"), *getattr(self, f"aliases_{language}")] if form]

    def other_languages(self) -> list[tuple[str, str]]:
        current = _language()
        return [(language, getattr(self, f"term_{language}")) for language in LANGUAGES if language != current]


def load_glossary(apps, schema_editor=None, app_label: str = "knowledge") -> None:
    """The seed terms from the source documents; a term the technical unit edited is kept.
    (The registry's old migrations load them where the model then lived.)"""
    Term = apps.get_model(app_label, "GlossaryTerm")
    for entry in json.loads(SEED.read_text(encoding="utf-8")):
        fields = {}
        for index, language in enumerate(LANGUAGES):
            fields[f"term_{language}"] = entry["term"][index]
            fields[f"aliases_{language}"] = entry["aliases"][index]
            fields[f"definition_{language}"] = entry["definition"][index]
        Term.objects.get_or_create(slug=entry["slug"], defaults={**fields, "source": entry["source"]})


class TermLinker:
    """Links the first occurrence of each term on one page. Built once per request (one query),
    it remembers what it already linked."""

    def __init__(self, terms, language: str):
        self.by_form = {}
        for term in terms:
            for form in term.forms(language):
                self.by_form.setdefault(form.casefold(), term)
        forms = sorted(self.by_form, key=len, reverse=True)  # the longest form wins: "AMDS" inside no word
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(conditional_escape(form)) for form in forms) + r")(?!\w)", re.I)
            if forms
            else None
        )
        self.linked: set[str] = set()

    @classmethod
    def for_request(cls, request) -> "TermLinker":
        language = _language()
        linker = getattr(request, "_glossary_linker", None)
        if linker is None or linker.language != language:
            linker = cls(GlossaryTerm.objects.all(), language)
            linker.language = language
            request._glossary_linker = linker
        return linker

    def link(self, text) -> str:
        escaped = str(conditional_escape(text))
        if self.pattern is None:
            return mark_safe(escaped)

        def replace(match):
            term = self.by_form.get(match.group(1).casefold())
            if term is None or term.slug in self.linked:
                return match.group(0)
            self.linked.add(term.slug)
            return format_html(
                '<a class="term" href="{}#{}" title="{}">{}</a>',
                reverse("knowledge:glossary"), term.slug, term.definition, mark_safe(match.group(0)),
            )

        return mark_safe(self.pattern.sub(replace, escaped))
