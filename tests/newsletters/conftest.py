import pytest
from wagtail.models import Locale

from tests.factories import NewsletterIssueFactory, StoryFactory, publish

ANYMAIL_TEST_BACKEND = "anymail.backends.test.EmailBackend"


@pytest.fixture(autouse=True)
def anymail_test_backend(settings):
    """Mail goes through Anymail's test backend, as through a provider: it keeps each
    message in mail.outbox with the parameters it would have sent (anymail_test_params)."""
    settings.EMAIL_BACKEND = ANYMAIL_TEST_BACKEND
    settings.MAILER_EMAIL_BACKEND = ANYMAIL_TEST_BACKEND


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A client whose requests run their on-commit work (emails, tasks), as each request's
    transaction would commit in production."""
    send = client.request

    def request_and_commit(**request):
        with django_capture_on_commit_callbacks(execute=True):
            return send(**request)

    client.request = request_and_commit
    return client


@pytest.fixture
def french(db):
    return Locale.objects.get(language_code="fr")


@pytest.fixture
def stories(news_index):
    return [
        publish(StoryFactory(title="Allies meet in Vilnius", place="Vilnius")),
        publish(StoryFactory(title="Sweden joins the Alliance", place="Brussels")),
    ]


@pytest.fixture
def issue(stories):
    return NewsletterIssueFactory(subject="This week in the newsroom", stories=stories)
