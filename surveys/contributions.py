"""The campaign question "what each actor brings" (QuestionKind.CONTRIBUTIONS): one row per
contribution, naming one of the initiative's actors, what kind of thing it brings and what, and
for money the amount with its currency (ISO 4217) and year.

The answer is kept with the entry's other answers, as a list of rows (dicts of COLUMNS; the amount
a decimal string, so money is never rounded through a float). When the ficha is submitted the rows
become the follow-up's contributions (registry.extensions.contributions_reported), which the
initiative page, the API, the Excel workbook and the reports read."""

import re
from decimal import Decimal

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.choices import LIST_ITEM_MAX_CHARS, MAX_ACTORS, ContributionKind, contribution_money_problems, currency_codes
from registry.extensions import contributions_reported
from registry.text import clean_pasted, fold
from surveys.docx.answers import decimal_text
from surveys.models import QuestionKind

COLUMNS = ("actor", "kind", "description", "amount", "currency", "year")
MAX_CONTRIBUTIONS = MAX_ACTORS
ACTOR_MAX_CHARS = 300
BLANK_ROWS = 2


def blank_row() -> dict:
    return {"actor": "", "kind": "", "description": "", "amount": None, "currency": "", "year": None}


def money_text(row: dict) -> str:
    """"20000 USD 2025": digits without separators, so the Word reader never has to guess."""
    if row.get("amount") in (None, ""):
        return ""
    return " ".join(str(part) for part in (row["amount"], row.get("currency"), row.get("year")) if part)


def contribution_text(row: dict) -> str:
    """One contribution as pages, Word, CSV and Excel print it: "Universidad X – Financiero – becas – 20000 USD 2025"."""
    kind = ContributionKind(row["kind"]).label if row.get("kind") in ContributionKind.values else ""
    return " – ".join(part for part in (row.get("actor"), str(kind), row.get("description"), money_text(row)) if part)


def row_problems(row: dict, actors: set[str]) -> list[str]:
    """What keeps a contribution from being submitted; `actors`: the initiative's actors, folded."""
    problems = []
    if fold(row.get("actor", "")) not in actors:
        problems.append(_("“%(name)s” is not one of the initiative's actors.") % {"name": row.get("actor", "")})
    if row.get("kind") not in ContributionKind.values:
        problems.append(_("say what kind of contribution it is."))
    if not (row.get("description") or "").strip() and row.get("amount") in (None, ""):
        problems.append(_("say what it brings."))
    amount = Decimal(row["amount"]) if row.get("amount") not in (None, "") else None
    if amount is not None and -amount.as_tuple().exponent > 2:
        problems.append(_("the amount takes at most two decimals."))
    problems.extend(contribution_money_problems(row.get("kind"), amount, row.get("currency") or "", row.get("year")))
    return problems


def submission_problems(question, rows: list[dict], actor_names: list[str]) -> list[str]:
    """Each contribution's problems, numbered as the rows are: "What each actor brings, row 2: …"."""
    actors = {fold(name) for name in actor_names}
    return [
        _("%(question)s, row %(number)d: %(problem)s") % {"question": question.verbose_label, "number": number, "problem": problem}
        for number, row in enumerate(rows or [], start=1)
        for problem in row_problems(row, actors)
    ]


def report_contributions(questions, initiatives, by) -> None:
    """Hand each initiative's contributions, as its ficha submits them, to the follow-up. A
    campaign that does not ask for them leaves alone those reported before."""
    asked = [q for q in questions.initiative if getattr(q, "added", False) and q.kind == QuestionKind.CONTRIBUTIONS]
    if not asked:
        return
    for initiative in initiatives:
        answers = getattr(initiative, "entry_answers", None) or {}
        rows = [row for question in asked for row in answers.get(question.key) or []]
        contributions_reported(initiative, rows, by)


# --- The online form ----------------------------------------------------------------------------
class ContributionRowsWidget(forms.Widget):
    """A table of contributions, a row each, named "<name>-<row>-<column>" with a total as Django's
    formsets are, so static/js/ficha_form.js adds rows to it as to the actors' table."""

    template = "surveys/_contribution_rows.html"

    def value_from_datadict(self, data, files, name):
        try:
            total = min(int(data.get(f"{name}-TOTAL_FORMS") or 0), MAX_CONTRIBUTIONS + BLANK_ROWS)
        except ValueError:
            total = 0
        return [{column: str(data.get(f"{name}-{index}-{column}") or "") for column in COLUMNS} for index in range(max(total, 0))]

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-TOTAL_FORMS" not in data

    def render(self, name, value, attrs=None, renderer=None):
        rows = [{**blank_row(), **row} for row in (value or []) if isinstance(row, dict)]
        disabled = bool((attrs or {}).get("disabled") or self.attrs.get("disabled"))
        if not disabled:
            rows += [blank_row() for _blank in range(BLANK_ROWS)]
        return render_to_string(
            self.template,
            {
                "name": name,
                "rows": [_cells(name, index, index + 1, row) for index, row in enumerate(rows)],
                "template_cells": _cells(name, "__prefix__", 0, blank_row()),
                "total": len(rows),
                "max_rows": MAX_CONTRIBUTIONS,
                "disabled": disabled,
                "kinds": ContributionKind.choices,
                "currencies": currency_codes(),
            },
        )


def _cells(name: str, index, number: int, row: dict) -> list[dict]:
    return [
        {"column": column, "name": f"{name}-{index}-{column}", "value": "" if row.get(column) is None else row[column],
         "label": _("%(column)s, row %(number)d") % {"column": COLUMN_LABELS[column], "number": number}}
        for column in COLUMNS
    ]


COLUMN_LABELS = {
    "actor": gettext_lazy("Actor"),
    "kind": gettext_lazy("What it brings"),
    "description": gettext_lazy("Description"),
    "amount": gettext_lazy("Amount (money only)"),
    "currency": gettext_lazy("Currency"),
    "year": gettext_lazy("Year of the amount"),
}


class ContributionRowsField(forms.Field):
    """The rows typed, as kept: blank rows dropped, each filled one checked for what a draft
    cannot keep (an unreadable amount, an unknown currency); whether each names one of the
    initiative's actors is asked on submission, when the actors are saved too."""

    widget = ContributionRowsWidget

    def to_python(self, value):
        rows, errors = [], []
        for number, raw in enumerate(value or [], start=1):
            row, problems = _typed_row(raw)
            if row is None:
                continue
            rows.append(row)
            errors.extend(_("Row %(number)d: %(problem)s") % {"number": number, "problem": problem} for problem in problems)
        if len(rows) > MAX_CONTRIBUTIONS:
            errors.append(_("At most %(max)d contributions.") % {"max": MAX_CONTRIBUTIONS})
        if errors:
            raise forms.ValidationError(errors)
        return rows

    def prepare_value(self, value):
        return value


def _typed_row(raw: dict) -> tuple[dict | None, list[str]]:
    if not isinstance(raw, dict):
        return None, []
    text = {column: clean_pasted(str(raw.get(column) or "")) for column in COLUMNS}
    if not any(text.values()):
        return None, []
    problems = []
    row = blank_row()
    row["actor"], row["description"] = text["actor"][:ACTOR_MAX_CHARS], text["description"]
    if not row["actor"]:
        problems.append(_("write the actor that brings it."))
    if len(text["description"]) > LIST_ITEM_MAX_CHARS:
        problems.append(_("the description takes up to %(max)d characters.") % {"max": LIST_ITEM_MAX_CHARS})
    if text["kind"] and text["kind"] not in ContributionKind.values:
        problems.append(_("choose what kind of contribution it is."))
    row["kind"] = text["kind"] if text["kind"] in ContributionKind.values else ""
    if text["amount"]:
        amount, _guessed = decimal_text(text["amount"])
        # In figures only: "2 millones" would otherwise be kept as 2.
        if amount is None or len(text["amount"]) > 30 or re.search(r"[^\d\s.,-]", text["amount"]):
            problems.append(_("the amount is not a number."))
        elif amount.startswith("-"):
            problems.append(_("An amount cannot be negative or larger than 10,000,000,000,000."))
        elif len(amount.partition(".")[2]) > 2:
            problems.append(_("the amount takes at most two decimals."))
        else:
            row["amount"] = amount
    row["currency"] = text["currency"].upper()[:3] if len(text["currency"]) <= 3 else text["currency"][:3]
    if text["currency"] and (len(text["currency"]) != 3 or row["currency"] not in dict(currency_codes())):
        problems.append(_("Choose a currency of ISO 4217, e.g. USD."))
    if text["year"]:
        if text["year"].isascii() and text["year"].isdigit() and 1900 <= int(text["year"]) <= 2100:
            row["year"] = int(text["year"])
        else:
            problems.append(_("the year is not a year between 1900 and 2100."))
    return row, problems


def form_data(name: str, rows) -> dict[str, str]:
    """Kept rows (or rows read from Word) as the online form posts them."""
    rows = [row for row in rows or [] if isinstance(row, dict)]
    data = {f"{name}-TOTAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        data.update({f"{name}-{index}-{column}": "" if row.get(column) is None else str(row[column]) for column in COLUMNS})
    return data
