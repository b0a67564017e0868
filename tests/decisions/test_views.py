"""The wizard, results, revisions, diffs and exports in the browser (without JavaScript), and who
may see what: an owner's evaluation is theirs alone; an anonymous one lives at its link."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from decisions import services
from decisions.models import Evaluation, Result

pytestmark = pytest.mark.django_db

STEP_ANSWERS = {
    "context": {"hosts": "500_5000", "environment": "private_cloud", "workloads": ["stateless", "databases"]},
    "orchestration": {"autoscaling": "must", "rolling_update": "should", "stateful_workloads": "should"},
    "network": {"network_policy": "must", "cross_host_networking": "must"},
}


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="alice-long-password-1")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_user("bob", password="bob-long-password-22")


def start(client, title="Payments platform") -> Evaluation:
    response = client.post(reverse("decisions:start"), {"title": title})
    assert response.status_code == 302
    return Evaluation.objects.latest("created_at")


def test_starting_an_evaluation_needs_a_title_and_saves_nothing_without_one(client):
    response = client.post(reverse("decisions:start"), {"title": "   "})

    assert response.status_code == 400
    assert "title" in response.context["form"].errors
    assert Evaluation.objects.count() == 0


def test_start_redirects_to_the_first_step(client):
    response = client.post(reverse("decisions:start"), {"title": "Payments"})

    evaluation = Evaluation.objects.get()
    assert response["Location"] == reverse("decisions:step", args=[evaluation.public_id, "context"])
    assert evaluation.owner is None


def test_each_step_saves_its_answers_as_a_draft_and_moves_on(client):
    evaluation = start(client)

    response = client.post(
        reverse("decisions:step", args=[evaluation.public_id, "context"]), {**STEP_ANSWERS["context"], "action": "next"}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:step", args=[evaluation.public_id, "orchestration"])
    evaluation.refresh_from_db()
    assert evaluation.answers == STEP_ANSWERS["context"]


def test_going_back_keeps_answers_and_shows_them_again(client):
    evaluation = start(client)
    client.post(
        reverse("decisions:step", args=[evaluation.public_id, "context"]), {**STEP_ANSWERS["context"], "action": "next"}
    )
    client.post(
        reverse("decisions:step", args=[evaluation.public_id, "orchestration"]),
        {**STEP_ANSWERS["orchestration"], "action": "back"},
    )

    page = client.get(reverse("decisions:step", args=[evaluation.public_id, "context"]))

    assert page.context["form"].initial["hosts"] == "500_5000"
    assert 'name="hosts" value="500_5000" id="id_hosts_2" checked' in page.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.answers["autoscaling"] == "must"


def test_clearing_an_answer_on_a_step_removes_it(client):
    evaluation = start(client)
    url = reverse("decisions:step", args=[evaluation.public_id, "context"])
    client.post(url, {**STEP_ANSWERS["context"], "action": "save"})

    client.post(url, {"hosts": "lt50", "action": "save"})

    evaluation.refresh_from_db()
    assert evaluation.answers == {"hosts": "lt50"}


def test_an_invalid_answer_re_renders_the_step_with_a_message_and_saves_nothing(client):
    evaluation = start(client)
    url = reverse("decisions:step", args=[evaluation.public_id, "context"])
    client.post(url, {"hosts": "lt50", "action": "save"})

    response = client.post(url, {"hosts": "a-million", "existing_infra": ["none", "vlan"], "action": "next"})

    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"hosts", "existing_infra"}
    evaluation.refresh_from_db()
    assert evaluation.answers == {"hosts": "lt50"}


def test_an_unknown_step_is_a_404(client):
    evaluation = start(client)

    assert client.get(reverse("decisions:step", args=[evaluation.public_id, "nope"])).status_code == 404


def run_through(client, evaluation) -> Result:
    for step, answers in STEP_ANSWERS.items():
        client.post(reverse("decisions:step", args=[evaluation.public_id, step]), {**answers, "action": "save"})
    response = client.post(reverse("decisions:run", args=[evaluation.public_id]))
    assert response.status_code == 302
    return evaluation.results.get(revision=1)


def test_running_stores_revision_one_and_shows_the_result(client):
    evaluation = start(client)

    result = run_through(client, evaluation)
    page = client.get(reverse("decisions:detail", args=[evaluation.public_id]))

    assert result.answers["network_policy"] == "must"
    assert page.status_code == 200
    output = page.context["output"]
    categories = [category["category"] for category in output["categories"]]
    assert {"orchestration", "network"} <= set(categories)
    assert output["stack"], "a recommended stack is shown"


@pytest.mark.parametrize(("language", "label"), [("en", "Remedies:"), ("zh-hans", "对策技术：")])
def test_the_result_page_links_the_remedies_of_each_pitfall_by_name(client, language, label):
    evaluation = start(client)
    run_through(client, evaluation)

    page = client.get(reverse("decisions:detail", args=[evaluation.public_id]), HTTP_ACCEPT_LANGUAGE=language)

    # Kubernetes with databases brings "stateful services in containers", whose remedy is CSI.
    pitfalls = page.context["output"]["pitfalls"]
    with_remedies = [pitfall for pitfall in pitfalls if pitfall["remedies"]]
    assert "stateful-services-in-containers" in [pitfall["slug"] for pitfall in with_remedies]
    section = page.content.decode().split('id="pitfalls-heading"')[1].split("</section>")[0]
    assert section.count(label) == len(with_remedies)
    for pitfall in with_remedies:
        for remedy in pitfall["remedies"]:
            url = reverse("catalog:technology_detail", args=[remedy["slug"]])
            assert f'<a href="{url}">{escape(remedy["name"])}</a>' in section


def test_running_again_without_changes_makes_no_new_revision(client):
    evaluation = start(client)
    run_through(client, evaluation)

    client.post(reverse("decisions:run", args=[evaluation.public_id]))

    assert evaluation.results.count() == 1


def test_changing_an_answer_and_running_again_makes_revision_two_and_a_diff(client):
    evaluation = start(client)
    run_through(client, evaluation)
    client.post(
        reverse("decisions:step", args=[evaluation.public_id, "network"]),
        {"network_policy": "wont", "cross_host_networking": "must", "action": "save"},
    )

    client.post(reverse("decisions:run", args=[evaluation.public_id]))
    diff_page = client.get(reverse("decisions:diff", args=[evaluation.public_id]), {"from": 1, "to": 2})

    assert list(evaluation.results.values_list("revision", flat=True).order_by("revision")) == [1, 2]
    diff = diff_page.context["diff"]
    assert [(c.key, c.before, c.after) for c in diff.answers] == [("network_policy", "must", "wont")]
    assert diff.catalog_changed is False
    causes = {line.cause for category in diff.categories for c in category.candidates for line in c.lines}
    assert "answer" in causes
    assert causes <= {"answer", "context"}


def test_a_result_cannot_be_changed_once_written(client):
    evaluation = start(client)
    result = run_through(client, evaluation)

    with pytest.raises(ValueError, match="immutable"):
        result.save()


def test_adr_export_is_madr_markdown_with_drivers_options_and_outcome(client):
    evaluation = start(client, title="Payments <script>")
    run_through(client, evaluation)

    response = client.get(reverse("decisions:adr", args=[evaluation.public_id, 1]), HTTP_ACCEPT_LANGUAGE="en")

    text = response.content.decode()
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert text.startswith("# Payments \\<script\\>\n")
    for heading in ("## Context and Problem Statement", "## Decision Drivers", "## Considered Options",
                    "## Decision Outcome", "## Pros and Cons of the Options"):  # fmt: skip
        assert heading in text
    assert "* Network policy — **must**" in text  # the capability's name, never its key


def test_adr_export_lists_each_pitfalls_remedies_by_name(client, django_user_model):
    owner = django_user_model.objects.create_user("adr-reader", password="a-long-adr-password-7")
    answers = {"hosts": "500_5000", "environment": "private_cloud", "registry_ha": "should"}
    evaluation = services.start_evaluation(owner=owner, title="Registry", answers=answers)
    result, _created = services.run_evaluation(evaluation)
    client.force_login(owner)

    for language, label, comma in (("en", "Remedies:", ", "), ("zh-hans", "对策技术：", "、")):
        text = client.get(reverse("decisions:adr", args=[evaluation.public_id, 1]), HTTP_ACCEPT_LANGUAGE=language)
        remedied = [pitfall for pitfall in result.output(language)["pitfalls"] if pitfall["remedies"]]
        assert remedied, "the answers bring a pitfall with remedies"
        names = comma.join(remedy["name"] for remedy in remedied[0]["remedies"])
        assert f"  * {label} {names}" in text.content.decode()


def test_json_export_holds_answers_and_result(client):
    evaluation = start(client)
    run_through(client, evaluation)

    payload = json.loads(client.get(reverse("decisions:json", args=[evaluation.public_id, 1])).content)

    assert payload["id"] == str(evaluation.public_id)
    assert payload["result"]["revision"] == 1
    assert payload["answers"]["hosts"] == "500_5000"


OWNED_URLS = [
    ("decisions:detail", False),
    ("decisions:review", False),
    ("decisions:step", "context"),
    ("decisions:diff", False),
    ("decisions:revision", 1),
    ("decisions:adr", 1),
    ("decisions:json", 1),
]


def owned_url(name, extra, evaluation):
    args = [evaluation.public_id] + ([extra] if extra else [])
    return reverse(name, args=args)


@pytest.mark.parametrize(("name", "extra"), OWNED_URLS)
def test_another_users_evaluation_is_a_404_for_every_page(client, alice, bob, name, extra):
    evaluation = services.start_evaluation(owner=alice, title="Alice's", answers={"autoscaling": "must"})
    services.run_evaluation(evaluation)
    url = owned_url(name, extra, evaluation)

    client.force_login(alice)
    owners_view = client.get(url)
    if name == "decisions:diff":
        # One revision has nothing to compare: the owner is sent to the result page.
        assert (owners_view.status_code, owners_view["Location"]) == (302, evaluation.get_absolute_url())
    else:
        assert owners_view.status_code == 200
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["decisions:run", "decisions:delete", "decisions:details"])
def test_another_user_cannot_run_rename_or_delete(client, alice, bob, name):
    evaluation = services.start_evaluation(owner=alice, title="Alice's")
    client.force_login(bob)

    response = client.post(reverse(name, args=[evaluation.public_id]), {"title": "Bob was here"})

    assert response.status_code == 404
    evaluation.refresh_from_db()
    assert evaluation.title == "Alice's"
    assert evaluation.results.count() == 0


def test_an_anonymous_evaluation_is_reachable_by_its_link_only(client):
    evaluation = start(client)
    other_browser = type(client)()

    assert other_browser.get(reverse("decisions:review", args=[evaluation.public_id])).status_code == 200
    assert other_browser.get(reverse("decisions:review", args=[uuid.uuid4()])).status_code == 404
    assert evaluation not in other_browser.get(reverse("decisions:list")).context["evaluations"]
    assert evaluation in client.get(reverse("decisions:list")).context["evaluations"]


def test_my_evaluations_lists_only_my_own(client, alice, bob):
    mine = services.start_evaluation(owner=alice, title="Mine")
    services.start_evaluation(owner=bob, title="Not mine")
    client.force_login(alice)

    response = client.get(reverse("decisions:list"))

    assert list(response.context["evaluations"]) == [mine]


def test_deleting_removes_the_evaluation_and_its_revisions(client):
    evaluation = start(client)
    run_through(client, evaluation)

    client.post(reverse("decisions:delete", args=[evaluation.public_id]))

    assert not Evaluation.objects.filter(pk=evaluation.pk).exists()
    assert not Result.objects.filter(evaluation_id=evaluation.pk).exists()


@pytest.mark.parametrize("count", [1, 5])
def test_my_evaluations_page_runs_a_fixed_number_of_queries(client, alice, django_assert_num_queries, count):
    for index in range(count):
        services.start_evaluation(owner=alice, title=f"E{index}")
    client.force_login(alice)

    # session + user + evaluations (with questionnaire and latest revision annotated)
    with django_assert_num_queries(3):
        client.get(reverse("decisions:list"))


def test_title_and_notes_are_saved_and_notes_render_as_sanitised_markdown(client):
    evaluation = start(client)

    response = client.post(
        reverse("decisions:details", args=[evaluation.public_id]),
        {"title": "Payments v2", "notes": "**Deadline** Q3 <script>alert(1)</script> [x](javascript:alert(1))"},
    )
    page = client.get(reverse("decisions:review", args=[evaluation.public_id])).content.decode()
    rendered = page.split('<div class="markdown">', 1)[1].split("</div>", 1)[0]

    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.title == "Payments v2"
    assert rendered == (
        '<p><strong>Deadline</strong> Q3 alert(1) <a href="" rel="nofollow noopener noreferrer">x</a></p>\n'
    )
    assert "<script>" not in page


def test_an_empty_title_re_renders_the_review_with_a_message_and_saves_nothing(client):
    evaluation = start(client, title="Keep me")

    response = client.post(reverse("decisions:details", args=[evaluation.public_id]), {"title": " ", "notes": "x"})

    assert response.status_code == 400
    assert "title" in response.context["details_form"].errors
    evaluation.refresh_from_db()
    assert (evaluation.title, evaluation.notes) == ("Keep me", "")


def test_owned_pages_tell_caches_not_to_keep_them(client):
    evaluation = start(client)

    response = client.get(reverse("decisions:review", args=[evaluation.public_id]))

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
