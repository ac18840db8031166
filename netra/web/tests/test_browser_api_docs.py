"""The API documentation and the landing page in a real browser, under the site's own CSP."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_list_the_operations_from_our_own_static_files(live_server, page):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock-summary", timeout=30_000)
    assert page.locator(".opblock-summary").count() >= 20
    assert page.get_by_text("Submit a report").count() >= 1
    outside = [u for u in fetched if not u.startswith((live_server.url, "data:", "blob:"))]
    assert outside == []  # no CDN: works offline and under the CSP
    assert problems == []


def test_the_main_call_to_action_looks_like_a_button(live_server, page, reference_data):
    page.goto(f"{live_server.url}/")
    button = page.locator("a.button")
    style = button.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.backgroundColor, s.color, s.paddingTop, s.textDecorationLine]; }"
    )
    background, color, padding, decoration = style
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert color == "rgb(255, 255, 255)" and padding != "0px" and decoration == "none"
    button.click()
    page.wait_for_url(f"{live_server.url}/report/")
