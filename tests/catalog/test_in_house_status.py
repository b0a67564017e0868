"""An in-house system known only from the 2017 survey never reads as "Active" today (issue 13: the
in-house Mesos frameworks had a green "Active" badge). Only a later, external source can say it is
still in use."""

import pytest
from django.test import Client

from catalog.models import Technology

pytestmark = pytest.mark.django_db


def test_an_in_house_system_whose_status_only_the_survey_gives_is_unverified():
    in_house = Technology.objects.filter(kind="in_house").select_related("status_source")
    survey_only = in_house.filter(status_source__kind="survey")

    assert survey_only.exists()
    assert sorted(survey_only.exclude(status="unverified").values_list("slug", flat=True)) == []
    active = in_house.filter(status="active")
    assert sorted(active.filter(status_source__kind="survey").values_list("slug", flat=True)) == []


def test_the_in_house_mesos_frameworks_show_unverified_not_active_in_both_languages():
    frameworks = ["zhihu-mesos-framework", "meizu-scheduler", "qiniu-dora", "tencent-gaia"]
    for language, word in (("en", "Unverified since 2017"), ("zh-hans", "2017 年后未经核实")):
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        for slug in frameworks:
            page = client.get(f"/technologies/{slug}/").content.decode()
            assert "status-unverified" in page, (language, slug)
            assert "status-active" not in page, (language, slug)
            assert word in page, (language, slug)
