"""In Chromium: an evaluation started before signing up is in "My evaluations" after sign-up, and a
second browser that signs in to another account does not get it (decisions/claims.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_an_evaluation_started_before_sign_up_is_listed_in_my_evaluations_afterwards(accounts, watched):
    first = watched("en")
    page = first.page
    first.goto("/evaluations/new/")
    expect(page.locator(".form-note")).to_contain_text("move into your account")
    page.fill("#id_title", "Started before signing up")
    page.locator("form.stack-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/step/context/$"))
    evaluation_url = page.url

    accounts(page, "browser-claimer")
    first.goto("/evaluations/")

    expect(page.locator("main")).to_contain_text("Started before signing up")

    # Another browser with the link, signing up to another account, neither lists nor opens it.
    second = watched("en")
    accounts(second.page, "browser-other")
    second.goto("/evaluations/")
    expect(second.page.locator("main")).not_to_contain_text("Started before signing up")
    response = second.page.goto(evaluation_url)
    assert response.status == 404
    assert not first.problems + second.problems, first.problems + second.problems
