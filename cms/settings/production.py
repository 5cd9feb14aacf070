"""Production: PostgreSQL, Redis, Celery workers and beat, an Anymail provider, nginx in front."""

from .base import *  # noqa: F403
from .base import caches_on, env, logging_settings

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
SERVE_MEDIA_FILES = env.bool("SERVE_MEDIA_FILES", default=False)
# nginx sends the masters: the download view only checks and answers with X-Accel-Redirect.
if env.bool("DOWNLOADS_BY_X_ACCEL", default=True):
    SENDFILE_BACKEND = "django_sendfile.backends.nginx"

# Rate limits and cached fragments must be shared by every web process: Redis, required here.
CACHES = caches_on(env.cache("CACHE_URL"))

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The proxies in front that append to X-Forwarded-For: nginx (1), or a CDN and nginx (2).
# allauth's rate limits count per client address; trusting none would count every visitor as
# nginx's one address, and trusting more than there are would let a client choose its own.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# The email provider: an Anymail backend (mailgun, amazon_ses, postmark, brevo…), its keys in
# ANYMAIL (cms/settings/base.py). Without one, mail goes where the embedded mode puts it.
ANYMAIL_ESP = env("ANYMAIL_ESP", default="")
if ANYMAIL_ESP:
    MAILER_EMAIL_BACKEND = f"anymail.backends.{ANYMAIL_ESP}.EmailBackend"

# --- Logs: one JSON object per line, with a line per request ---
LOGGING = logging_settings(
    env("LOG_LEVEL", default="INFO"), json_lines=env.bool("LOG_JSON", default=True)
)
