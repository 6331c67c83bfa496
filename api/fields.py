"""The fields of an initiative in the API, in order: the ficha's questions as registry.ficha
declares them, then curation, classification, status and links. The serializer (detail, schema)
and the PostgreSQL-written list (api.page_json) both take their names from here, so the two
cannot drift; tests/api/test_registry_api.py holds every listed item equal to its detail."""

from registry.ficha import Kind, initiative_questions

BEFORE_FICHA = ["id", "url", "reporting_country", "institution"]
AFTER_FICHA = [
    "wants_to_share", "sectors", "sdgs", "modality", "modality_label", "phase", "phase_label", "start_year", "end_year",
    "classification", "classification_label", "classification_reason", "classification_override", "out_of_scope",
    "out_of_scope_reason", "status", "status_label", "submitted_at", "published_at", "last_confirmed_at", "freshness",
    "freshness_label", "created_at", "updated_at", "dialogues", "campaign_answers", "shared_initiative", "version",
]


def question_api_names(question) -> list[str]:
    match question.kind:
        case Kind.INITIATIVE_TYPE:
            number, other = question.fields
            return [number, f"{number}_label", other]
        case Kind.ACTORS | Kind.COUNTRIES:
            return [question.key]
    return list(question.fields)


def initiative_api_fields() -> list[str]:
    ficha = (name for question in initiative_questions() for name in question_api_names(question))
    # A field the ficha comes to ask (a campaign's new question) leaves its place after the ficha.
    return list(dict.fromkeys([*BEFORE_FICHA, *ficha, *AFTER_FICHA]))
