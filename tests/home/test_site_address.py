"""BASE_URL is the site's one address: the default Site follows it, and the system checks say
so when they differ, since page links come from the Site and image and email links from
BASE_URL."""

import pytest
from django.core.management import call_command
from wagtail.models import Site

from home.site_address import check_default_site_follows_base_url
from newsletters.rendering import absolute_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_at(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://news.example.org"
    return settings


def test_migrating_points_the_default_site_at_base_url(served_at, home):
    call_command("migrate", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://news.example.org"
    assert home.get_full_url().startswith("https://news.example.org/")
    assert absolute_url("/en/").startswith("https://news.example.org/")
    assert check_default_site_follows_base_url() == []


def test_a_site_whose_address_differs_from_base_url_is_warned_of(served_at):
    Site.objects.filter(is_default_site=True).update(hostname="old.example.org", port=80)

    (warning,) = check_default_site_follows_base_url()

    assert warning.id == "home.W001"
    assert "http://old.example.org" in warning.msg
    assert "https://news.example.org" in warning.msg


def test_a_base_url_with_a_port_matches_the_site_on_that_port(settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000/"
    Site.objects.filter(is_default_site=True).update(hostname="127.0.0.1", port=8000)

    assert check_default_site_follows_base_url() == []


def test_the_check_runs_with_the_others(served_at, capsys):
    Site.objects.filter(is_default_site=True).update(hostname="old.example.org", port=80)

    call_command("check")

    assert "home.W001" in capsys.readouterr().err
