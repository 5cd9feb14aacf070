"""A charset that is not a text encoding is ignored, as Django ignores one it does not know,
instead of failing the request before any middleware can answer it."""

import io

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from cms.request_charset import ignore_non_text_charsets
from cms.wsgi import application

pytestmark = pytest.mark.django_db


def served(path, content_type, body=b""):
    environ = RequestFactory()._base_environ(
        PATH_INFO=path,
        QUERY_STRING="q=summit",
        REQUEST_METHOD="POST" if body else "GET",
        CONTENT_TYPE=content_type,
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": io.BytesIO(body)},
    )
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    # As Django's test client does: the handler's signals would close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        content = b"".join(application(environ, start_response))
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], content


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib"])
def test_a_charset_that_is_not_a_text_encoding_is_ignored(news_index, charset):
    status, content = served("/en/search/", f"text/plain; charset={charset}")

    assert status == 200
    assert b"Traceback" not in content


def test_only_the_charset_is_left_out_of_the_content_type():
    seen = {}
    guarded = ignore_non_text_charsets(lambda environ, start_response: seen.update(environ))

    guarded({"CONTENT_TYPE": "multipart/form-data; boundary=XyZ; charset=rot13"}, None)
    assert seen["CONTENT_TYPE"] == 'multipart/form-data; boundary="XyZ"'

    guarded({"CONTENT_TYPE": "text/plain; charset=latin-1"}, None)
    assert seen["CONTENT_TYPE"] == "text/plain; charset=latin-1"
