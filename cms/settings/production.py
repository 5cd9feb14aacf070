"""Production: PostgreSQL, Redis, Celery workers and beat, an Anymail provider, nginx in front."""

from cms.cache_config import caches_on, fail_open

from .base import *  # noqa: F403
from .base import ANYMAIL_ESP, env, logging_settings

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SERVE_MEDIA_FILES = env.bool("SERVE_MEDIA_FILES", default=False)
# nginx sends the masters: the download view only checks and answers with X-Accel-Redirect.
DOWNLOADS_BY_X_ACCEL = env.bool("DOWNLOADS_BY_X_ACCEL", default=True)

# Rate limits and cached fragments must be shared by every web process: Redis, required here.
# The cache fails open: while Redis is away (a restart, a failover) pages are rendered
# without it, rather than answering 500 (django-redis's IGNORE_EXCEPTIONS; /readyz still
# reports the cache as failing). Rate limits are not enforced for that time.
CACHES = caches_on(fail_open(env.cache("CACHE_URL")))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies in front that append to X-Forwarded-For: nginx (1), or a CDN and nginx (2).
# allauth's rate limits count per client address; trusting none would count every visitor as
# nginx's one address, and trusting more than there are would let a client choose its own.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Addresses allauth writes without a request at hand are https, as the site is.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="https")
# Only `make stack` turns this off, to serve production settings on plain-HTTP loopback.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# The email provider (ANYMAIL_ESP, cms/settings/base.py). Without one, mail goes where the
# embedded mode puts it.
if ANYMAIL_ESP:
    MAILER_EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"

# --- Logs: one JSON object per line, with a line per request ---
LOGGING = logging_settings(
    env("LOG_LEVEL", default="INFO"), json_lines=env.bool("LOG_JSON", default=True)
)
