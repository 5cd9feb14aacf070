import pytest
from wagtail.models import Page

from home.models import HomePage
from newsroom.models import NewsIndexPage


@pytest.fixture
def home(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(depth=3)


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)
