"""The timing benchmark of sign-up and password reset, run small on the test database: each
pair of samples is one request with an address that has an account and one without, and
each makes the email it should."""

from allauth.account.models import EmailAddress
from django.core import mail

from benchmarks import account_timing as benchmark
from users.models import User


def test_sign_up_samples_time_a_taken_address_and_a_new_one(db, terms_of_use):
    known, new = benchmark.signup_timings_ms(samples=2)

    assert len(known) == len(new) == 2
    assert all(milliseconds > 0 for milliseconds in known + new)
    assert User.objects.filter(email__startswith="signup-new-").count() == 2
    # The owner of the taken address is told so; the new one gets a code.
    assert [message.to[0].split("-")[1] for message in mail.outbox] == ["known", "new"] * 2


def test_reset_samples_time_a_known_address_and_an_unknown_one(db):
    known, unknown = benchmark.reset_timings_ms(samples=2)

    assert len(known) == len(unknown) == 2
    assert not EmailAddress.objects.filter(email__startswith="reset-none-").exists()
    assert [message.to[0].split("-")[1] for message in mail.outbox] == ["known", "none"] * 2


def test_overlap_means_neither_distribution_lies_wholly_beyond_the_other():
    assert benchmark.distributions_overlap([1, 5], [4, 9])
    assert benchmark.distributions_overlap([1, 9], [4, 5])
    assert not benchmark.distributions_overlap([1, 3], [4, 9])
