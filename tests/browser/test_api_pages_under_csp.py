"""The API's own pages (the browsable API and the interactive documentation) work under the
site's Content Security Policy: nothing they need is blocked."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_initiative

pytestmark = pytest.mark.django_db(transaction=True)


def blocked_by_policy(page: Page, url: str) -> list[str]:
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.on("response", lambda response: response.status >= 400 and messages.append(f"{response.status} {response.url}"))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [text for text in messages if "Content Security Policy" in text]


def test_the_browsable_api_runs_under_the_policy(page: Page, live_server):
    make_initiative(name="Siembra y Cosecha de Agua")
    assert blocked_by_policy(page, f"{live_server.url}/api/v1/initiatives/?format=api") == []
    policy = page.request.get(f"{live_server.url}/api/v1/initiatives/?format=api").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "script-src 'self' 'unsafe" not in policy
    expect(page.get_by_text("Siembra y Cosecha de Agua").first).to_be_visible()


def test_the_interactive_documentation_runs_under_the_policy(page: Page, live_server):
    assert blocked_by_policy(page, f"{live_server.url}/api/v1/docs/") == []
    expect(page.get_by_text("/api/v1/initiatives/").first).to_be_visible()
