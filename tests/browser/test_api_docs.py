"""The API documentation pages in Chromium: Swagger UI and Redoc render from local files under the
strict CSP (live server over the session database, pages watched for console errors, CSP
violations and failed assets)."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_swagger_ui_renders_and_tries_an_operation_without_a_csp_violation(watched):
    page = watched("en")

    page.goto("/api/docs/")
    operation = page.page.locator("#operations-technologies-technologies_retrieve")
    operation.locator(".opblock-summary").click()
    operation.locator(".try-out__btn").click()
    operation.locator(".execute").click()
    status = operation.locator(".live-responses-table .response .response-col_status").first
    status.wait_for()
    page.screenshot("api-swagger-ui")

    assert status.inner_text().strip() == "200"
    assert page.page.locator(".opblock-tag").count() >= 8
    assert page.problems == []


def test_redoc_renders_from_local_files_and_asks_no_other_origin(watched):
    page = watched("en")
    outside = []
    same_origin = []
    page.page.on("request", lambda request: (same_origin if request.url.startswith(
        (page.base_url, "data:", "blob:")) else outside).append(request.url))  # fmt: skip

    page.goto("/api/redoc/")
    page.page.locator("h1", has_text="Platform Survey API").wait_for()
    page.page.wait_for_load_state("networkidle")
    page.screenshot("api-redoc")

    # Redoc's bundle would ask cdn.redoc.ly for its footer logo; static/api/redoc-init.js swaps any
    # other-origin image source for an empty data: URL first, so not one request leaves the site
    # (and the CSP has nothing to refuse).
    assert outside == []
    assert len(same_origin) >= 3  # the page, the bundle, the schema, ...
    assert page.problems == []
