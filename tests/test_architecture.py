"""The apps stand in layers, and a lower app imports nothing from a higher one (not even inside a
function) nor relates its models to a higher app's: the registry can be read, tested and migrated
without the survey, dialogues or reports around it."""

import ast
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parent.parent

LAYERS = {
    "alianzas": 0,  # the project's own tools (limits, backups, model moves); its wiring is below
    "registry": 1,
    "accounts": 2,
    "knowledge": 2,
    "followup": 2,
    "surveys": 2,
    "dialogues": 2,
    "directory": 3,
    "profiles": 3,
    "capacities": 3,
    "training": 3,
    "reports": 3,
    "api": 4,
    "demo": 4,
}
# The project's wiring sits on top of every app: the URL map, the health probe (which asks the
# report queue how old its oldest job is) and the page each person lands on after signing in.
WIRING = {"alianzas/urls.py", "alianzas/health.py", "alianzas/settings.py", "alianzas/landing.py"}


def imported_apps(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name.split(".")[0] for name in names} & LAYERS.keys()


def upward_imports() -> list[str]:
    problems = []
    for app, layer in LAYERS.items():
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            # Migrations are history: they may name what the models named when they were written.
            if "migrations" in path.parts or relative in WIRING:
                continue
            for other in imported_apps(path):
                if other != app and LAYERS[other] >= layer:
                    problems.append(f"{relative} imports {other}")
    return problems


def test_no_app_imports_a_higher_or_sibling_app():
    assert upward_imports() == []


def test_the_check_sees_an_upward_import(tmp_path):
    offending = tmp_path / "models.py"
    offending.write_text("def later():\n    from surveys.models import Ficha\n")
    assert imported_apps(offending) == {"surveys"}


@pytest.mark.parametrize("app_label", ["registry", "accounts", "knowledge", "followup", "surveys", "dialogues"])
def test_no_model_relates_to_a_higher_app(app_label):
    upward = [
        f"{model.__name__}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_app_config(app_label).get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model is not None
        and field.related_model._meta.app_label in LAYERS
        and LAYERS[field.related_model._meta.app_label] > LAYERS[app_label]
    ]
    assert upward == []
