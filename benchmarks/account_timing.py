"""Whether the sign-up and password-reset answers tell by their timing if an address has an
account. For each form, SAMPLES requests with an address that has one and SAMPLES with an
address that has none, taken in turn so that the machine's drift falls on both alike,
in-process with the production hasher (Argon2). Printed: both medians, their difference, and
whether the two distributions overlap (the slowest of the faster one above the fastest of the
slower one)."""

import itertools
import statistics
import time

from benchmarks.environment import setup_django
from benchmarks.report import report, report_against_target

SAMPLES = 30
PASSWORD = "Correct-Horse-9-Battery"
MEDIAN_DIFFERENCE_TARGET_MS = 10

# Each request comes from an address of its own, so that the per-address limits on sign-up
# and reset (allauth's) measure nothing but the answer itself.
_client_addresses = (
    f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}" for n in itertools.count(1)
)


def _timed_post(path, data):
    from django.test import Client

    client = Client(REMOTE_ADDR=next(_client_addresses))
    client.get(path)
    started = time.perf_counter()
    response = client.post(path, data)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if response.status_code != 302:
        raise RuntimeError(f"{path} answered {response.status_code}")
    return elapsed_ms


def _existing_account(email):
    from allauth.account.models import EmailAddress

    from users.models import User

    user = User.objects.create_user(email, PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return email


def signup_timings_ms(samples=SAMPLES, run="a"):
    """(with an account, without one): sign-up POSTs, the same password every time."""
    known, new = [], []
    for number in range(samples):
        existing = _existing_account(f"signup-known-{run}{number}@example.org")
        for timings, email in ((known, existing), (new, f"signup-new-{run}{number}@example.org")):
            form = {"email": email, "password1": PASSWORD, "accept_terms": "on"}
            timings.append(_timed_post("/en/accounts/signup/", form))
    return known, new


def reset_timings_ms(samples=SAMPLES, run="a"):
    """(with an account, without one): password-reset POSTs."""
    known, unknown = [], []
    for number in range(samples):
        existing = _existing_account(f"reset-known-{run}{number}@example.org")
        for timings, email in (
            (known, existing),
            (unknown, f"reset-none-{run}{number}@example.org"),
        ):
            timings.append(_timed_post("/en/accounts/password/reset/", {"email": email}))
    return known, unknown


def distributions_overlap(first, second):
    return min(first) <= max(second) and min(second) <= max(first)


def report_pair(name, with_account, without_account):
    report(f"{name}_with_account_median_ms", statistics.median(with_account))
    report(f"{name}_without_account_median_ms", statistics.median(without_account))
    difference = abs(statistics.median(with_account) - statistics.median(without_account))
    report_against_target(
        f"{name}_median_difference_ms", difference, at_most=MEDIAN_DIFFERENCE_TARGET_MS
    )
    overlap = distributions_overlap(with_account, without_account)
    report(f"{name}_distributions_overlap", "yes" if overlap else "NO")


def main():
    setup_django()
    from django.core.cache import cache

    # The rate limits' counters live in the cache; a run starts from none.
    cache.clear()
    report_pair("signup", *signup_timings_ms())
    report_pair("password_reset", *reset_timings_ms())


if __name__ == "__main__":
    main()
