"""Password guessing, limited alike on every door that takes a password.

allauth's login counts wrong passwords in its "login_failed" rate limit (ACCOUNT_RATE_LIMITS):
per client address, and per account within a time window, so that an attacker can slow a
person's sign-in for some minutes but never lock them out for good. The admin's login and
Wagtail's view-restriction password forms count in the same limiter with the same limits; the
admin's login even shares allauth's counter of each account, so that guesses at both doors
add up. A right password gives its guess back, as allauth's login does: a person signing in
now and then never uses up their own allowance, and an attacker cannot reset theirs by
signing in to an account of their own between guesses.

Past the limit, the answer is 429 with a message saying when to try again (templates/429.html).
"""

import math
import time
from functools import wraps

from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit as limiter
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import ngettext

LIMITER_APP = "allauth.account"
GUESS_ACTION = "login_failed"


class TooManyGuesses(Exception):
    def __init__(self, seconds):
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def message(self):
        return try_again_message(self.seconds)


def account_key(request, login):
    """The key of allauth's own per-account counter of failed logins for `login`."""
    return get_adapter(request)._get_login_attempts_cache_key(request, email=login)


def count_guess(request, key):
    """One more password guess at `key` from this client. Returns its usage, to give back
    (`.rollback()`) should the password be right; raises TooManyGuesses past the limits."""
    usage = limiter.consume(request, app=LIMITER_APP, action=GUESS_ACTION, key=key)
    if usage is None:
        raise TooManyGuesses(seconds_until_allowed(request, GUESS_ACTION, key))
    return usage


def seconds_until_allowed(request, action, key):
    """How long until every one of `action`'s limits takes one more attempt at `key`."""
    now, wait = time.time(), 0.0
    for rate in limiter.get_rates(app=LIMITER_APP, action=action):
        history = cache.get(
            limiter.get_cache_key(request, app=LIMITER_APP, action=action, rate=rate, key=key),
            [],
        )
        recent = [moment for moment in history if moment > now - rate.duration]
        if len(recent) >= rate.amount:
            # Newest first: one more is allowed once the amount-th newest has aged out.
            wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return max(1, math.ceil(wait))


def try_again_message(seconds):
    if seconds < 60:
        return ngettext(
            "Too many attempts. Try again in %(count)d second.",
            "Too many attempts. Try again in %(count)d seconds.",
            seconds,
        ) % {"count": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext(
        "Too many attempts. Try again in %(count)d minute.",
        "Too many attempts. Try again in %(count)d minutes.",
        minutes,
    ) % {"count": minutes}


def too_many_attempts(request, seconds):
    response = render(request, "429.html", {"try_again": try_again_message(seconds)}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def limit_restriction_guesses(view):
    """Wagtail's password form of a page's or a collection's view restriction, with each
    submission counted as a guess at that restriction; a right password (Wagtail then
    redirects to the protected page) gives its guess back."""

    @wraps(view)
    def limited(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        restriction_id = kwargs.get("page_view_restriction_id") or kwargs.get("restriction_id")
        key = f"{view.__module__}:restriction:{restriction_id}"
        try:
            guess = count_guess(request, key)
        except TooManyGuesses as refusal:
            return too_many_attempts(request, refusal.seconds)
        response = view(request, *args, **kwargs)
        if response.status_code == 302:
            guess.rollback()
        return response

    return limited
