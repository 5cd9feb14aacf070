"""Property: whatever is sent to any door of the site — every route of the URLconf, every live
page and routable subpage, every form those pages show, the provider's webhook — in English
and French, by an anonymous visitor or a signed-in reader, the answer is below 500, shows no
stack trace, and a refused request (4xx) leaves every table as it was.

The doors are found, not listed (tests/adversarial/doors.py); hypothesis draws what is sent
through them, the same inputs on every run (derandomize), and a failure is shrunk to the
smallest input that shows it."""

import base64
import io
import json

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import PASSWORD
from users.models import User

from . import doors
from .probe import Attack, send, watched_models

WEBHOOK_SECRET = "provider:webhook-s3cret"

# Sized so that the whole fuzz sends more than MINIMUM_DISTINCT_INPUTS distinct inputs.
EXAMPLES = {"routes": 1500, "pages": 700, "forms": 1500, "webhooks": 800, "admin": 800}


def fuzz_settings(examples):
    # No shrinking: each input costs a request, and the failing one is reported as it was.
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )


def bodies(names=()):
    return st.one_of(
        st.just(b""),
        doors.query_pairs(names).map(doors.form_body),
        st.sampled_from(doors.INVALID_UTF8),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=8), inner, max_size=3)
            ),
            max_leaves=8,
        ).map(lambda value: json.dumps(value).encode()),
    )


def content_types():
    return st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/json",
            "multipart/form-data; boundary=BoUnDaRy",
            "text/plain",
        ]
    )


@pytest.mark.fuzz
class EveryDoor(TestCase):
    forms_found = {}  # per who: the forms of the pages, read once (forms_seen_by)

    @classmethod
    def setUpTestData(cls):
        with cls.captureOnCommitCallbacks(execute=True):
            call_command("load_demo_content", stdout=io.StringIO())
        cls.reader = User.objects.create_user("reader@example.org", PASSWORD)
        EmailAddress.objects.create(
            user=cls.reader, email=cls.reader.email, verified=True, primary=True
        )
        cls.page_paths, cls.subroutes = doors.live_page_paths()
        cls.models = watched_models()

    def setup_example(self):
        super().setup_example()
        # Rate limits would soon answer 429 to every door: each input meets the view itself.
        caches["default"].clear()

    def client_for(self, who):
        client = Client(raise_request_exception=False)
        if who == "reader":
            client.force_login(self.reader)
        return client

    def attack(self, data, path, *, names=(), who=None, method=None):
        who = who or data.draw(st.sampled_from(["anonymous", "reader"]), label="who")
        method = method or data.draw(st.sampled_from(doors.METHODS), label="method")
        attack = Attack(
            who=who,
            method=method,
            path=path,
            query=doors.query_string(data.draw(doors.query_pairs(names), label="query")),
            body=data.draw(bodies(names), label="body") if method not in ("GET", "HEAD") else b"",
            content_type=data.draw(content_types(), label="content type"),
            headers=tuple(sorted(data.draw(doors.odd_headers(), label="headers").items())),
        )
        return send(self.client_for(who), attack, models=self.models)

    @fuzz_settings(EXAMPLES["routes"])
    @given(st.data())
    def test_every_route_of_the_urlconf(self, data):
        route = data.draw(st.sampled_from(doors.public_routes()), label="route")
        path = data.draw(doors.paths_of(route).flatmap(doors.mutated), label="path")
        self.attack(data, path)

    @fuzz_settings(EXAMPLES["pages"])
    @given(st.data())
    def test_every_live_page_and_routable_subpage(self, data):
        if self.subroutes and data.draw(st.booleans(), label="subpage"):
            page_path, pattern = data.draw(st.sampled_from(self.subroutes), label="subroute")
            path = data.draw(doors.subpage_paths(page_path, pattern), label="path")
        else:
            path = data.draw(st.sampled_from(self.page_paths), label="page")
        path = data.draw(doors.mutated(path), label="mutated path")
        self.attack(data, path)

    @fuzz_settings(EXAMPLES["forms"])
    @given(st.data())
    def test_every_form_of_every_page(self, data):
        who = data.draw(st.sampled_from(["anonymous", "reader"]), label="who")
        form = data.draw(st.sampled_from(self.forms_seen_by(who)), label="form")
        pairs = data.draw(doors.filled_form(form), label="fields")
        method = data.draw(st.sampled_from([form.method, form.method, "PUT", "GET"]), label="m")
        action = doors.urlsplit(form.action)
        attack = Attack(
            who=who,
            method=method,
            path=action.path,
            query=doors.query_string(pairs) if method == "GET" else action.query,
            body=doors.form_body(pairs) if method != "GET" else b"",
            content_type=data.draw(content_types(), label="content type"),
            headers=tuple(sorted(data.draw(doors.odd_headers(), label="headers").items())),
        )
        send(self.client_for(who), attack, models=self.models)

    @fuzz_settings(EXAMPLES["webhooks"])
    @given(st.data())
    def test_the_providers_webhook_with_and_without_its_credentials(self, data):
        routes = doors.webhook_routes()
        assert routes, "the test settings configure a provider (ANYMAIL_ESP)"
        route = data.draw(st.sampled_from(routes), label="webhook")
        path = data.draw(doors.paths_of(route), label="path")
        credentials = data.draw(
            st.sampled_from([WEBHOOK_SECRET, "provider:wrong", "", "\xff:\xfe"]), label="auth"
        )
        with self.settings(ANYMAIL={"WEBHOOK_SECRET": WEBHOOK_SECRET}):
            method = data.draw(st.sampled_from(["POST", "POST", "POST", "GET", "HEAD", "PUT"]))
            body = data.draw(bodies(), label="body")
            headers = data.draw(doors.odd_headers(), label="headers")
            if credentials:
                token = base64.b64encode(credentials.encode("utf-8", "surrogatepass")).decode()
                headers["Authorization"] = f"Basic {token}"
            attack = Attack(
                who="provider",
                method=method,
                path=path,
                body=body,
                content_type=data.draw(content_types(), label="content type"),
                headers=tuple(sorted(headers.items())),
            )
            send(Client(raise_request_exception=False), attack, models=self.models)

    @fuzz_settings(EXAMPLES["admin"])
    @given(st.data())
    def test_every_admin_route_for_visitors_and_readers(self, data):
        route = data.draw(st.sampled_from(doors.admin_routes()), label="route")
        path = data.draw(doors.paths_of(route), label="path")
        self.attack(data, path)

    def forms_seen_by(self, who):
        """The forms of every live page and every route without parameters, as `who` sees
        them, found on the first example and kept for the others."""
        if who not in self.forms_found:
            client = self.client_for(who)
            found = {}
            for page in [*self.page_paths, *doors.paths_without_parameters()]:
                response = client.get(doors.percent_encoded(page, safe="/"), follow=True)
                if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                    for form in doors.forms_in(page, response.content.decode()):
                        found.setdefault((form.action, form.method, tuple(form.names)), form)
            self.forms_found[who] = list(found.values())
        assert self.forms_found[who], f"no form found for {who}"
        return self.forms_found[who]
