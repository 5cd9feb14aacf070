"""The time to register: one sign-up POST, in-process, with the production hasher (Argon2),
which is most of its cost by design. Compared with hashing one password alone."""

import statistics
import time

from benchmarks.environment import setup_django
from benchmarks.report import report

REGISTRATIONS = 10
PASSWORD = "Correct-Horse-9-Battery"


def median_registration_ms(count=REGISTRATIONS):
    from django.test import Client

    timings = []
    for number in range(count):
        client = Client()
        started = time.perf_counter()
        response = client.post(
            "/en/accounts/signup/",
            {"email": f"bench{number}@example.org", "password1": PASSWORD, "accept_terms": "on"},
        )
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            raise RuntimeError(f"sign-up answered {response.status_code}")
    return statistics.median(timings)


def median_hash_ms(count=REGISTRATIONS):
    from django.contrib.auth.hashers import make_password

    timings = []
    for _ in range(count):
        started = time.perf_counter()
        make_password(PASSWORD)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def main():
    setup_django()
    registration = median_registration_ms()
    hashing = median_hash_ms()
    report("register_median_ms", registration)
    report("argon2_hash_median_ms", hashing)
    report("register_share_spent_hashing", hashing / registration)


if __name__ == "__main__":
    main()
