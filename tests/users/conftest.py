import pytest


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A test client whose requests run their on-commit callbacks (sending email), as each
    request's transaction would commit in production."""
    send = client.request

    def request_and_commit(**request):
        with django_capture_on_commit_callbacks(execute=True):
            return send(**request)

    client.request = request_and_commit
    return client


@pytest.fixture(autouse=True)
def terms(request):
    """The published terms of use that registering accepts (for tests that use the db)."""
    if "db" not in request.fixturenames and "django_db" not in request.keywords:
        return None
    return request.getfixturevalue("terms_of_use")
