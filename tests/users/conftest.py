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
    request.getfixturevalue("db")
    from home.models import HomePage
    from users.models import TermsOfUsePage

    home = HomePage.objects.get(depth=2)
    terms = TermsOfUsePage(title="Terms of use", slug="terms-of-use", body="<p>Be fair.</p>")
    home.add_child(instance=terms)
    terms.save_revision().publish()
    return terms


@pytest.fixture
def reporter(db):
    """A registered person whose email address is verified."""
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD
    from users.models import User

    user = User.objects.create_user("reporter@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user
