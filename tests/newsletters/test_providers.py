"""What each email service is asked to do with one batch: the real Anymail backends build
their API payloads here (nothing is sent over the network), and the embedded mode's backend
writes one file per recipient."""

import json

import pytest
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import get_connection
from django.core.management import call_command

from newsletters.providers import (
    Batch,
    InlineMergeFields,
    OnePerRecipient,
    Recipient,
    pieces,
    provider_for,
    stored_template,
)
from newsletters.rendering import MERGE_FIELDS, RenderedIssue, marker, personalise

CONTENT = RenderedIssue(
    subject="This week",
    html=(
        f"<p>{marker('greeting')}</p><p>Stories</p>"
        f'<a href="{marker("unsubscribe_url")}">Unsubscribe</a>'
    ),
    text=f"{marker('greeting')}\n\nStories\n\nUnsubscribe: {marker('unsubscribe_url')}\n",
)
ADA = Recipient(
    email="ada@example.org",
    fields={"greeting": "Hello Ada,", "unsubscribe_url": "https://news.example/u/1:sig/"},
    headers={"List-Unsubscribe": "<https://news.example/u/1:sig/>"},
)
BOB = Recipient(
    email="bob@example.org",
    fields={"greeting": "Hello,", "unsubscribe_url": "https://news.example/u/2:sig/"},
    headers={"List-Unsubscribe": "<https://news.example/u/2:sig/>"},
)
BATCH = Batch(
    content=CONTENT,
    recipients=[ADA, BOB],
    from_email="Newsroom <news@example.org>",
    headers={"List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    tags=["newsletter-issue-7"],
    metadata={"newsletter_issue": "7"},
)


def payload_of(backend, **options):
    """The request body the Anymail backend would send for BATCH."""
    connection = get_connection(f"anymail.backends.{backend}.EmailBackend", **options)
    message = provider_for(connection).message(BATCH, connection)
    return connection.build_message_payload(message, connection.send_defaults)


def test_mailgun_gets_its_recipient_variables_and_per_recipient_headers():
    payload = payload_of("mailgun", api_key="key", sender_domain="example.org")

    data = dict(payload.serialize_data())
    assert "%recipient.greeting%" in data["text"] and "%recipient.unsubscribe_url%" in data["html"]
    variables = json.loads(data["recipient-variables"])
    assert variables["ada@example.org"]["greeting"] == "Hello Ada,"
    assert variables["bob@example.org"]["h:List-Unsubscribe"] == "<https://news.example/u/2:sig/>"
    assert data["h:List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert data["o:tag"] == ["newsletter-issue-7"]


def test_postmark_s_bulk_api_gets_one_message_per_recipient_with_its_model():
    payload = payload_of("postmark", server_token="token", use_bulk_api=True)

    assert payload.get_api_endpoint() == "email/bulk"
    data = json.loads(payload.serialize_data())
    assert "{{greeting}}" in data["TextBody"] and "{{unsubscribe_url}}" in data["HtmlBody"]
    ada = next(message for message in data["Messages"] if message["To"] == "ada@example.org")
    assert ada["TemplateModel"]["greeting"] == "Hello Ada,"
    assert {"Name": "List-Unsubscribe", "Value": "<https://news.example/u/1:sig/>"} in ada[
        "Headers"
    ]


def test_postmark_without_its_bulk_api_is_refused_with_the_reason():
    connection = get_connection("anymail.backends.postmark.EmailBackend", server_token="token")

    with pytest.raises(ImproperlyConfigured, match="POSTMARK_USE_BULK_API"):
        provider_for(connection)


def test_brevo_gets_params_per_message_version():
    payload = payload_of("brevo", api_key="key")

    data = json.loads(payload.serialize_data())
    assert "{{ params.greeting }}" in data["textContent"]
    versions = {version["to"][0]["email"]: version for version in data["messageVersions"]}
    assert versions["bob@example.org"]["params"]["greeting"] == "Hello,"
    assert versions["ada@example.org"]["headers"]["List-Unsubscribe"] == (
        "<https://news.example/u/1:sig/>"
    )


def test_amazon_ses_gets_the_pieces_of_the_email_for_its_stored_template(settings):
    settings.NEWSLETTER_PROVIDER_TEMPLATE = "newsroom-newsletter"
    payload = payload_of("amazon_ses", region_name="eu-west-1")
    payload.finalize_payload()

    template = payload.params["DefaultContent"]["Template"]
    assert template["TemplateName"] == "newsroom-newsletter"
    global_data = json.loads(template["TemplateData"])
    entries = payload.params["BulkEmailEntries"]
    entries = {entry["Destination"]["ToAddresses"][0]: entry for entry in entries}
    ada = entries["ada@example.org"]
    ada_data = json.loads(
        ada["ReplacementEmailContent"]["ReplacementTemplate"]["ReplacementTemplateData"]
    )
    # What SES makes of the stored template with this recipient's data is their email.
    layout = stored_template("newsroom-newsletter")["TemplateContent"]
    values = {**global_data, **ada_data}
    html = layout["Html"]
    for name, value in values.items():
        html = html.replace("{{{" + name + "}}}", value).replace("{{" + name + "}}", value)
    assert html == personalise(CONTENT.html, ADA.fields)
    assert {"Name": "List-Unsubscribe", "Value": "<https://news.example/u/1:sig/>"} in ada[
        "ReplacementHeaders"
    ]


def test_amazon_ses_without_its_stored_template_is_refused(settings):
    settings.NEWSLETTER_PROVIDER_TEMPLATE = ""
    connection = get_connection("anymail.backends.amazon_ses.EmailBackend")

    with pytest.raises(ImproperlyConfigured, match="newsletter_ses_template"):
        provider_for(connection)


def test_the_stored_template_command_prints_what_ses_takes(capsys):
    call_command("newsletter_ses_template", "newsroom-newsletter")

    printed = json.loads(capsys.readouterr().out)
    assert printed == stored_template("newsroom-newsletter")
    assert all(f"{{{{{name}}}}}" in printed["TemplateContent"]["Text"] for name in MERGE_FIELDS)


def test_the_pieces_must_match_the_stored_template():
    with pytest.raises(ImproperlyConfigured):
        pieces("html", f"{marker('unsubscribe_url')} before {marker('greeting')}")


def test_a_service_without_batch_sending_is_refused_with_the_list_of_those_supported():
    connection = get_connection(
        "anymail.backends.postal.EmailBackend", api_key="key", api_url="https://postal.example"
    )

    with pytest.raises(ImproperlyConfigured, match="cannot batch-send through Postal"):
        provider_for(connection)


def test_the_startup_check_reports_an_unusable_email_backend(settings):
    from newsletters.checks import check_email_backend

    settings.MAILER_EMAIL_BACKEND = "anymail.backends.postal.EmailBackend"
    settings.ANYMAIL = {"POSTAL_API_KEY": "key", "POSTAL_API_URL": "https://postal.example"}

    (error,) = check_email_backend(None)

    assert error.id == "newsletters.E001" and isinstance(error, checks.Error)


def test_the_deploy_check_warns_of_a_missing_webhook_secret(settings):
    from newsletters.checks import check_webhook_secret

    settings.ANYMAIL = {}
    assert [warning.id for warning in check_webhook_secret(None)] == ["newsletters.W001"]
    settings.ANYMAIL = {"WEBHOOK_SECRET": "user:pass"}
    assert check_webhook_secret(None) == []


def test_the_embedded_mode_writes_each_recipient_s_own_message_under_var_mail(settings, tmp_path):
    settings.EMAIL_FILE_PATH = tmp_path
    connection = get_connection("cms.email_backends.FileAndConsoleEmailBackend")
    provider = provider_for(connection)

    outcomes = provider.send(BATCH, connection)

    assert isinstance(provider, OnePerRecipient)
    assert outcomes["ada@example.org"].accepted
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "Hello Ada," in written and "Hello," in written
    assert "List-Unsubscribe: <https://news.example/u/2:sig/>" in written
    assert "List-Unsubscribe-Post: List-Unsubscribe=One-Click" in written
    assert outcomes["bob@example.org"].message_id in written


def test_every_supported_inline_service_writes_each_field_it_merges():
    for provider in (InlineMergeFields("%recipient.{}%"), InlineMergeFields("{{{{{}}}}}")):
        filled = provider.fill(CONTENT.text)
        assert "__newsletter_" not in filled
        assert all(provider.merge_field(name) in filled for name in MERGE_FIELDS)
    assert isinstance(
        provider_for(get_connection("anymail.backends.test.EmailBackend")), InlineMergeFields
    )
