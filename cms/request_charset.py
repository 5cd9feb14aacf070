"""A request whose Content-Type names a codec that is not a text encoding (`charset=rot13`,
`charset=base64`) makes Django fail while it builds the request, before any middleware or
error page can answer, so a server would answer 500. Django ignores a charset it does not know;
this WSGI wrapper ignores one that cannot decode text in the same way, so the request goes on
with the default charset and gets the answer any other request would."""

import codecs

from django.utils.http import parse_header_parameters


def ignore_non_text_charsets(application):
    def guarded(environ, start_response):
        content_type = environ.get("CONTENT_TYPE", "")
        media_type, parameters = parse_header_parameters(content_type)
        if not _is_text_encoding(parameters.get("charset")):
            kept = [f'{name}="{value}"' for name, value in parameters.items() if name != "charset"]
            environ = {**environ, "CONTENT_TYPE": "; ".join([media_type, *kept])}
        return application(environ, start_response)

    return guarded


def _is_text_encoding(charset):
    if charset is None:
        return True
    try:
        return codecs.lookup(charset)._is_text_encoding
    except LookupError:
        return True  # unknown: Django itself ignores it
