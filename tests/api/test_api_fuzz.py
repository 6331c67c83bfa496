"""A schema-driven fuzz run (schemathesis, in-process through WSGI): whatever the parameters,
no response is a server error and every response matches the schema."""

import pytest
import schemathesis
from schemathesis import checks
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories import make_initiative

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())


@pytest.fixture
def some_data(db):
    make_initiative(partners=["GT"], sectors=["social"], wants_to_share=True)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes database connections after each request, which would end the test's
    transaction; Django's own test client switches that off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_breaks_the_api(case, some_data):
    # The API is lenient with unknown or malformed optional parameters (it ignores a bad page
    # size, say): that is a choice, not a failure, so "negative data rejection" is not checked.
    case.call_and_validate(
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ]
    )


# The curation PATCH on its own schema object: its boundary-value ("coverage") phase alone makes
# about a thousand requests, so it is fuzzed with random bodies only.
curation_schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
curation_schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture
def curator_token(curator):
    from accounts.tokens import token_create

    return token_create(user=curator)[1]


@pytest.fixture
def published(costa_rica):
    return make_initiative(institution=costa_rica, partners=["GT"], sectors=["social"])


@pytest.mark.django_db
@curation_schema.include(method="PATCH").parametrize()
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_curation_request_breaks_the_api(case, curator_token, published):
    """The technical unit's PATCH, fuzzed against a real initiative: any body is either applied
    or refused with a 4xx that the schema documents, never a server error."""
    case.path_parameters = {**(case.path_parameters or {}), "id": published.pk}
    case.call_and_validate(
        headers={"Authorization": f"Token {curator_token}"},
        checks=[
            checks.not_a_server_error,
            checks.status_code_conformance,
            checks.content_type_conformance,
            checks.response_schema_conformance,
        ],
    )
