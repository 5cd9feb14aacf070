"""The stack's smoke test, through nginx as a visitor would: the home page, a story page, and
a download of the broadcast master by someone who registered and verified their address with
the code the platform emailed. `python deploy/local/smoke.py` once `make stack` is up.

Only the standard library: a cookie jar, urllib, and the stack's mail folder.
"""

import hashlib
import html
import http.cookiejar
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

# This script's folder is on the path when it runs.
from stack_env import stack_environment
from stack_mail import Mailbox

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DOWNLOAD_LINK = re.compile(r'href="(/en/downloads/videos/(\d+)/[^"]*)"')
CHECKSUM = re.compile(r'<code class="checksum">([0-9a-f]{64})</code>')
PASSWORD = "Smoke-test-" + secrets.token_hex(8) + "!"


class SmokeFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailed(message)


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: its cookies, and each answer as (status, headers, body)."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirects
        )

    def request(self, path, data=None, headers=None):
        url = urllib.parse.urljoin(self.base_url, path)
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers, answer.read()

    def get(self, path, expect=200, **kwargs):
        status, headers, body = self.request(path, **kwargs)
        check(status == expect, f"GET {path}: {status}, expected {expect}")
        return headers, body

    def post_form(self, path, data, expect=302):
        """Posts a form the way the page offers it, with its CSRF token."""
        _, page = self.get(path)
        token = CSRF_FIELD.search(page.decode())
        check(token, f"{path} has no CSRF token")
        status, headers, body = self.request(path, {"csrfmiddlewaretoken": token[1], **data})
        check(status == expect, f"POST {path}: {status}, expected {expect}: {body[:300]!r}")
        return headers


def smoke(base_url, mail_folder, private_folder):
    visitor = Visitor(base_url)

    headers, _ = visitor.get("/", expect=302)
    check(headers["Location"].endswith("/en/"), f"/ sends to {headers['Location']}")
    _, home = visitor.get("/en/")
    story_path = re.search(r'href="(/en/news/[^"/]+/)"', home.decode())
    check(story_path, "the home page links to no story")
    print(f"home page: 200, links to {story_path[1]}")

    _, story = visitor.get(story_path[1])
    download = DOWNLOAD_LINK.search(story.decode())
    check(download, f"{story_path[1]} offers no download")
    download_path, video_id = html.unescape(download[1]), download[2]
    print(f"story page: 200, offers {download_path}")

    headers, _ = visitor.get(download_path, expect=302)
    check("/accounts/login/" in headers["Location"], "an anonymous download is not sent to log in")

    address = f"smoke-{secrets.token_hex(6)}@example.org"
    headers = visitor.post_form(
        "/en/accounts/signup/", {"email": address, "password1": PASSWORD, "accept_terms": "on"}
    )
    check(headers["Location"].endswith("/accounts/confirm-email/"), "no verification step")
    code = Mailbox(mail_folder).code_for(address, timeout=60)
    headers = visitor.post_form("/en/accounts/confirm-email/", {"code": code})
    check(headers["Location"].endswith("/accounts/welcome/"), "the code was not accepted")
    print(f"registered {address} and verified it with the emailed code")

    _, video_page = visitor.get(f"/en/videos/{video_id}/")
    checksum = CHECKSUM.search(video_page.decode())
    check(checksum, "the video page shows no checksum")
    headers, master = visitor.get(download_path)
    check("X-Accel-Redirect" not in headers, "nginx passed X-Accel-Redirect on to the client")
    check("attachment" in headers.get("Content-Disposition", ""), "not sent as an attachment")
    check(len(master) > 0, "the download is empty: nginx did not serve the internal location")
    check(
        hashlib.sha256(master).hexdigest() == checksum[1],
        "the downloaded bytes differ from the master's checksum",
    )
    print(f"download through nginx: {len(master)} bytes, SHA-256 matches the video page")

    headers, part = visitor.get(download_path, expect=206, headers={"Range": "bytes=0-99"})
    check(part == master[:100], "nginx's range answer differs from the file")
    master_file = next(
        path
        for path in private_folder.rglob("*")
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == checksum[1]
    )
    master_url = f"/private-downloads/{master_file.relative_to(private_folder)}"
    status, _, _ = visitor.request(master_url)
    check(status == 404, f"{master_url} answered {status}: the internal location is public")
    print(f"range request: 206 from nginx; {master_url} is not reachable by URL (404)")


def main():
    environment = stack_environment()
    var_dir = Path(environment["VAR_DIR"])
    try:
        smoke(environment["STACK_URL"], var_dir / "mail", var_dir / "private")
    except Exception as problem:
        print(f"smoke test FAILED: {problem}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
