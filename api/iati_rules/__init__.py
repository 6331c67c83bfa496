"""IATI's rules for the export: its own ruleset engine and the 2.03 ruleset (vendored, MIT), and
the approved prefixes of organisation identifiers."""

import json
from functools import cache
from pathlib import Path

from lxml import etree

from api.iati_rules.engine import test_ruleset

HERE = Path(__file__).resolve().parent


@cache
def standard_ruleset() -> dict:
    return json.loads((HERE / "standard_py.json").read_text(encoding="utf-8"))


@cache
def registered_prefixes() -> frozenset[str]:
    lines = (HERE / "organisation_registration_agencies.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def has_registered_prefix(identifier: str) -> bool:
    """Whether an organisation identifier starts with an approved agency code and a hyphen."""
    return any(identifier.startswith(f"{prefix}-") for prefix in registered_prefixes())


def broken_rules(document: etree._Element) -> list[dict]:
    """Every case of IATI's 2.03 ruleset that an activities document breaks: (context, rule, case)."""
    return [
        {"context": result["context"], "rule": result["rule"], "case": result["case"],
         "identifier": result["element"].findtext("iati-identifier") if result["element"].tag == "iati-activity" else None}
        for result in test_ruleset(standard_ruleset(), etree.ElementTree(document), verbose=True)
        if result["result"] is False
    ]
