"""The knowledge app's seed data and the technical unit's rights over it, for a database that was
emptied (the transactional tests flush it; migrations did this the first time)."""

from knowledge.glossary import load_glossary
from registry.reference_data import grant_glossary_permissions, grant_success_case_permissions


def load_knowledge(apps) -> None:
    grant_glossary_permissions(apps, app_label="knowledge")
    grant_success_case_permissions(apps, app_label="knowledge")
    load_glossary(apps)
