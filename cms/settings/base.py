"""Settings shared by every environment.

Configuration comes only from environment variables, read here once. Every variable has a
working default for the embedded mode: one process, SQLite and folders under VAR_DIR.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cms.cache_config import caches_on
from cms.error_reporting import start_error_reporting
from cms.logs import logging_settings
from cms.secret_key import embedded_secret_key
from cms.storage_config import object_storages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

VAR_DIR = Path(env("VAR_DIR", default=str(BASE_DIR / "var"))).resolve()

# Production requires SECRET_KEY (cms/settings/production.py); the embedded mode makes its own.
SECRET_KEY = env("SECRET_KEY", default="") or embedded_secret_key(VAR_DIR)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "search",
    "newsletters",
    "newsroom",
    "videos",
    "users",
    "background",
    "allauth",
    "allauth.account",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "anymail",
    "mailer",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "cms.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.security_headers.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and messages middleware, so it sees the cookies they set.
    "cms.cache_headers.SharedCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.locale_middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "users.two_factor.AdminSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# Security headers (cms/security_headers.py). SecurityMiddleware adds nosniff, the
# Referrer-Policy and the Cross-Origin-Opener-Policy below; HSTS is production's.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Embedded posts and videos from other sites are iframes; their own scripts do not run.
        "frame-src": ["https:"],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'", "'unsafe-eval'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:", "https:"],
        "media-src": [SELF, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, "https:"],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
}

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cms.context_processors.site",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the scheduler and the web process write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Random reads cost about what sequential ones do on SSDs and from memory. With
    # PostgreSQL's default of 4, a word found in most stories is looked for by reading every
    # entry of the search index rather than its GIN index: ten times slower
    # (benchmarks/search.py, docs/PERFORMANCE.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


CACHES = caches_on(env.cache("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}"))

AUTH_USER_MODEL = "users.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "users.passwords.NewsroomPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Public accounts (django-allauth, account app only): the email address is the login, and it
# is verified by a six-digit code valid for 30 minutes, as is a password reset.
ACCOUNT_ADAPTER = "users.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "users.forms.SignupForm",
    "reset_password": "users.forms.ResetPasswordForm",
    "confirm_email_verification_code": "users.forms.ConfirmEmailVerificationCodeForm",
    "confirm_password_reset_code": "users.forms.ConfirmPasswordResetCodeForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# One address per account; a new one replaces it once verified by code.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 30 * 60
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
# The seed's six-digit codes, for verification and password reset alike.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_TIMEOUT = 30 * 60
ACCOUNT_PASSWORD_RESET_BY_CODE_MAX_ATTEMPTS = 3
# A reset code gives whoever guesses it the account, so it must stay out of reach of someone
# who asks for codes all year: below one chance in a thousand. Each code takes 3 tries. With
# six digits, 3/10^6 a code, even one code a day gives 365 × 3/10^6 = 1.1/1000 a year: no cap
# is low enough. With eight digits and at most 5 codes per address a day (users/views.py),
# 5 × 365 × 3/10^8 = 5.5/100,000 a year, about one in 18,000. (allauth spells the setting
# with CODE twice.)
ACCOUNT_PASSWORD_RESET_BY_CODE_CODE_FORMAT = {"numeric": True, "length": 8, "dashed": False}
PASSWORD_RESET_CODES_PER_DAY = 5
ACCOUNT_PREVENT_ENUMERATION = True
# An address with no account is sent an email on a reset as one with an account is: the
# same work, so that the answer's timing does not tell which it is.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
# allauth's defaults, with failed logins limited to 5 per account per 15 minutes and a
# one-minute cooldown on "Send new code".
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/900s/key",
    "confirm_email": "1/60s/key",
    "reset_password_daily": f"{PASSWORD_RESET_CODES_PER_DAY}/d/key",
    # The public newsletter form (newsletters/views.py), per client address.
    "newsletter_subscribe": "20/h/ip",
    # "Send a new link" to set up the admin's second factor (users/enrolment.py), per person.
    "two_factor_enrolment": "1/60s/key",
}
# The pending sign-up waiting for its code must outlive the code's 30 minutes.
ACCOUNT_LOGIN_TIMEOUT = 35 * 60
# What other apps add to the account and welcome pages (users/ knows nothing of them):
# templates to include, and functions of the user whose dicts join the data export.
ACCOUNT_PAGE_SECTIONS = [
    "newsletters/includes/account_newsletter.html",
    "videos/includes/my_downloads.html",
]
ACCOUNT_WELCOME_SECTIONS = ["newsletters/includes/welcome_newsletter.html"]
ACCOUNT_DATA_EXPORTERS = [
    "videos.account_data.downloads_of",
    "newsletters.account_data.newsletter_subscription_of",
]
LOGIN_URL = "account_login"
# Pages restricted to signed-in readers send them to allauth's login, not Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"


LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", default="Europe/Brussels")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Masters, documents, videos' previews, posters and captions: nothing under MEDIA_URL
    # points here; only views that check who asks read it.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": "/private/"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The embedded mode serves uploads itself; production leaves them to nginx or a CDN.
SERVE_MEDIA_FILES = env.bool("SERVE_MEDIA_FILES", default=True)

# --- Object storage ---------------------------------------------------------------------------
# With AWS_STORAGE_BUCKET_NAME set, public media and the private masters live in S3-compatible
# object storage (django-storages, through cms/object_storage.py) instead of the two folders
# above; unset, nothing changes. The variables:
#   AWS_STORAGE_BUCKET_NAME          the bucket of public media: images and their renditions.
#                                    Setting it turns object storage on.
#   AWS_PRIVATE_STORAGE_BUCKET_NAME  the private bucket: masters, documents, and videos'
#                                    previews, posters and captions; unset: the same bucket.
#   AWS_PUBLIC_MEDIA_LOCATION        key prefix of public media (default "media").
#   AWS_PRIVATE_MEDIA_LOCATION       key prefix of the masters (default "private"). In one
#                                    bucket the two prefixes must differ, neither inside the other.
#   AWS_S3_ENDPOINT_URL              the S3 API of another provider (MinIO, Ceph, R2, Scaleway…);
#                                    unset: Amazon S3's, for the region.
#   AWS_S3_REGION_NAME               the buckets' region, e.g. eu-west-3.
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
#                                    the keys; unset: boto3's own search (an instance role, ~/.aws).
#   AWS_S3_ADDRESSING_STYLE          "path" or "virtual" (bucket in the host name); unset: boto3's
#                                    choice.
#   AWS_S3_CUSTOM_DOMAIN             the host public media is served from (a CDN in front of the
#                                    bucket); unset: the bucket's own address.
#   MASTER_DOWNLOAD_URL_SECONDS      how long a master's signed download address works (default
#                                    300); the download view makes a new one at every click.
#   VIDEO_FILE_URL_SECONDS           how long a signed address of a video's preview, poster or
#                                    captions works (default 6 hours): a player keeps asking it
#                                    for ranges as the reader seeks.
# Public media get plain, unsigned addresses: `manage.py configure_buckets` lets anyone read the
# public prefix and no one the private one, which only views that check who asks hand out.
MASTER_DOWNLOAD_URL_SECONDS = env.int("MASTER_DOWNLOAD_URL_SECONDS", default=5 * 60)
VIDEO_FILE_URL_SECONDS = env.int("VIDEO_FILE_URL_SECONDS", default=6 * 60 * 60)


if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES |= object_storages(
        env("AWS_STORAGE_BUCKET_NAME"),
        private_bucket=env("AWS_PRIVATE_STORAGE_BUCKET_NAME", default=""),
        public_location=env("AWS_PUBLIC_MEDIA_LOCATION", default="media"),
        private_location=env("AWS_PRIVATE_MEDIA_LOCATION", default="private"),
        endpoint_url=env("AWS_S3_ENDPOINT_URL", default=""),
        region_name=env("AWS_S3_REGION_NAME", default=""),
        access_key=env("AWS_ACCESS_KEY_ID", default=""),
        secret_key=env("AWS_SECRET_ACCESS_KEY", default=""),
        addressing_style=env("AWS_S3_ADDRESSING_STYLE", default=""),
        custom_domain=env("AWS_S3_CUSTOM_DOMAIN", default=""),
        download_url_seconds=MASTER_DOWNLOAD_URL_SECONDS,
    )
# --- end of object storage --------------------------------------------------------------------


# Every email is stored in the database, then delivered by a task (background/email_queue.py);
# MAILER_EMAIL_BACKEND is the backend that really sends: production sets an Anymail one.
EMAIL_BACKEND = "background.email_queue.QueuedEmailBackend"
MAILER_EMAIL_BACKEND = "cms.email_backends.FileAndConsoleEmailBackend"
MAILER_USE_FILE_LOCK = False  # each message is sent under a row lock instead
MAILER_ERROR_HANDLER = "background.email_queue.defer_on_any_error"
MAILER_EMAIL_MAX_RETRIES = 12  # beat retries every 10 minutes: two hours of provider outage
MAILER_EMAIL_LOG_MESSAGE_DATA = False  # the log keeps who and when, never a code or a link
MAILER_LOG_KEEP_DAYS = 30
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Newsroom <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The email provider: an Anymail backend's name (mailgun, amazon_ses, postmark, brevo…).
# Production sends through it; only its tracking webhook is mounted (newsletters/webhooks.py).
ANYMAIL_ESP = env("ANYMAIL_ESP", default="")
# Anymail's settings as JSON: the provider's keys and WEBHOOK_SECRET, "user:password", without
# which the provider's reports of bounces and complaints are refused.
ANYMAIL = env.json("ANYMAIL", default={})

# Newsletters: how they are sent (newsletters/sending.py, newsletters/providers.py).
NEWSLETTER_FROM_EMAIL = env("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# Recipients per batch call: within the common providers' limits (Mailgun 1,000, Postmark's
# batch 500, SparkPost and SendGrid 1,000). Amazon SES takes 50 destinations per call.
NEWSLETTER_CHUNK_SIZE = env.int("NEWSLETTER_CHUNK_SIZE", default=500)
# Extra provider parameters for every batch (Anymail's esp_extra), e.g. Postmark's
# {"MessageStream": "broadcast"} or SES's {"ConfigurationSetName": "newsletter"}.
NEWSLETTER_ESP_EXTRA = env.json("NEWSLETTER_ESP_EXTRA", default={})
# Amazon SES only: the stored template made from `manage.py newsletter_ses_template`.
NEWSLETTER_PROVIDER_TEMPLATE = env("NEWSLETTER_PROVIDER_TEMPLATE", default="")
NEWSLETTER_QUEUE_BATCH_SIZE = 5000
NEWSLETTER_MAX_STORIES = 10
NEWSLETTER_CONFIRMATION_MAX_AGE = 3 * 24 * 60 * 60
NEWSLETTER_CONFIRMATION_COOLDOWN = 5 * 60
# A provider error is retried after 30 s, 60 s, 120 s… up to 15 minutes between tries; after
# the last try, what is left is marked failed, for the admin to retry.
NEWSLETTER_RETRY_BACKOFF_SECONDS = 30
NEWSLETTER_RETRY_BACKOFF_MAX_SECONDS = 15 * 60
NEWSLETTER_SEND_MAX_RETRIES = 8
# A sending that shows no progress for this long has lost its worker: beat resumes it.
NEWSLETTER_RESUME_AFTER_SECONDS = 5 * 60

# Without a broker, tasks run in-process at once; with one, on Celery workers.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A task taken by a worker that then died whole (SIGKILL, a lost host) is handed out again once
# it has been unacknowledged this long; a pool process that dies is requeued at once
# (reject-on-worker-lost). It must exceed the longest task and the longest countdown, or
# those would run twice. A web process that cannot reach Redis gives up on sending a task
# within a second (kombu's default keeps retrying for six, holding a gunicorn worker all
# that time); workers reconnect on their own schedule, unaffected.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3 * 60 * 60),
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
    "connect_retries_timeout": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_IMPORTS = ["cms.task_backends", "cms.localize_jobs"]
CELERY_BEAT_SCHEDULE = {
    "deliver-queued-email": {"task": "background.tasks.deliver_queued_email", "schedule": 60.0},
    "retry-deferred-email": {"task": "background.tasks.retry_deferred_email", "schedule": 600.0},
    "forget-old-email-log": {
        "task": "background.tasks.forget_old_email_log",
        "schedule": 24 * 60 * 60.0,
    },
    "publish-scheduled-pages": {
        "task": "newsroom.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "apply-waiting-provider-reports": {
        "task": "newsletters.tasks.apply_waiting_tracking_events",
        "schedule": 5 * 60.0,
    },
    "send-due-newsletters": {
        "task": "newsletters.tasks.send_due_issues",
        "schedule": 60.0,
    },
    "forget-old-search-statistics": {
        "task": "search.tasks.forget_old_search_statistics",
        "schedule": 24 * 60 * 60.0,
    },
}

# Wagtail's own background work (search index, reference index) goes through django-tasks;
# with a broker it is handed to the Celery workers rather than run inside web requests.
TASKS = {
    "default": {
        "BACKEND": (
            "cms.task_backends.CeleryTaskBackend"
            if CELERY_BROKER_URL
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
    }
}

# wagtail-localize's own jobs (subtree translation, locale synchronisation) likewise.
WAGTAILLOCALIZE_JOBS = {
    "BACKEND": (
        "cms.localize_jobs.CeleryJobBackend"
        if CELERY_BROKER_URL
        else "wagtail_localize.tasks.ImmediateBackend"
    )
}
# Starting a translation makes a draft, whatever the source's status: it goes live when its
# translator submits it and a moderator approves it (wagtail-localize would otherwise publish
# the copy of a live source at once, still holding the source's text).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
DEEPL_AUTH_KEY = env("DEEPL_AUTH_KEY", default="")
if DEEPL_AUTH_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Newsroom")
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
# The public API (newsroom/api.py): absolute addresses from the site's own, and up to 100 items
# a page, which cost the queries of one.
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# Search (search/backend.py): Wagtail's database backend, which on PostgreSQL stems each
# page in its own language; Elasticsearch or OpenSearch by naming its Wagtail backend, e.g.
# SEARCH_BACKEND=wagtail.search.backends.opensearch2 and SEARCH_URLS=https://host:9200, with
# its client library installed, then `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": env("SEARCH_BACKEND", default="search.backend"),
        # The PostgreSQL text search configuration of each language in LANGUAGES, and of
        # autocomplete; search/migrations/0001 makes them.
        "SEARCH_CONFIGS": {"en": "english_unaccent", "fr": "french_unaccent"},
        "AUTOCOMPLETE_CONFIG": "simple_unaccent",
    }
}
if env("SEARCH_URLS", default=""):
    WAGTAILSEARCH_BACKENDS["default"] |= {
        "URLS": env.list("SEARCH_URLS"),
        "INDEX_PREFIX": env("SEARCH_INDEX_PREFIX", default="newsroom_"),
    }
# How long a page of search results is kept for readers searching for the same words
# (search/searching.py): what is unpublished leaves at once, what is published may take this long.
SEARCH_RESULTS_KEPT_SECONDS = 60
# How long search statistics are kept, in days: the search terms reports cover this period.
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]
WAGTAILMEDIA = {
    "MEDIA_MODEL": "videos.Video",
    "MEDIA_FORM_BASE": "videos.forms.VideoForm",
    "AUDIO_EXTENSIONS": [],
    "VIDEO_EXTENSIONS": ["mp4", "mov", "mxf", "mkv", "webm", "avi"],
}
VIDEO_MAX_UPLOAD_BYTES = env.int("VIDEO_MAX_UPLOAD_MB", default=20 * 1024) * 1024 * 1024
# Downloads of masters: streamed by Django, with Range requests, unless DOWNLOADS_BY_X_ACCEL
# hands them to the web server (production: nginx's X-Accel-Redirect to an internal location).
# Wagtail's documents are served through the same backend (cms/sendfile_backend.py), always
# by its view, which checks their collection's privacy first; their files are in the private
# storage with the masters (newsroom/documents.py), so no media address reaches them.
WAGTAILDOCS_DOCUMENT_MODEL = "newsroom.NewsroomDocument"
DOWNLOADS_BY_X_ACCEL = False
SENDFILE_BACKEND = "cms.sendfile_backend"
SENDFILE_ROOT = str(PRIVATE_MEDIA_ROOT)
SENDFILE_URL = "/private-downloads"
WAGTAILDOCS_SERVE_METHOD = "serve_view"

WAGTAIL_ALLOW_UNICODE_SLUGS = True
# No Gravatar: avatars would tell a third party who uses the admin, and when. No update check
# from the dashboard either: the admin talks to this site only (its Content-Security-Policy).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {"features": ["h2", "h3", "bold", "italic", "link", "ol", "ul"]},
    }
}

NEWS_INDEX_PAGE_SIZE = 10
SCHEDULER_INTERVAL_SECONDS = env.int("SCHEDULER_INTERVAL_SECONDS", default=60)

# --- Caching and the CDN (cms/cache_headers.py, newsroom/frontend_cache.py) ---
# How long browsers, then shared caches, may keep a page every anonymous reader gets; 0 keeps
# every response private. Publishing purges the CDN, so it may keep pages longer.
PUBLIC_CACHE_MAX_AGE = env.int("PUBLIC_CACHE_MAX_AGE", default=60)
CDN_CACHE_MAX_AGE = env.int("CDN_CACHE_MAX_AGE", default=600)
# The CDN whose cache publishing purges: "cloudflare" or "cloudfront"; none by default.
CDN_PROVIDER = env("CDN_PROVIDER", default="")
if CDN_PROVIDER == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": env("CLOUDFLARE_ZONE_ID"),
            "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        }
    }
elif CDN_PROVIDER == "cloudfront":
    # AWS credentials come the usual way: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the
    # machine's role.
    WAGTAILFRONTENDCACHE = {
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
        }
    }
elif CDN_PROVIDER:
    raise ImproperlyConfigured(
        f"CDN_PROVIDER must be cloudflare or cloudfront, not {CDN_PROVIDER!r}"
    )
else:
    WAGTAILFRONTENDCACHE = {}
# Each translation is a page with its own URL, which newsroom/frontend_cache.py purges; Wagtail
# must not also copy each URL under every language prefix.
WAGTAILFRONTENDCACHE_LANGUAGES = []

# --- Logs and error reports (cms/logs.py, cms/request_id.py, cms/error_reporting.py) ---
# Readable lines here; production writes one JSON object per line.
LOGGING = logging_settings(env("LOG_LEVEL", default="INFO"), json_lines=False)
# Per-request lines (method, path, status, duration): production's; runserver prints its own.
LOGGING["loggers"]["cms.requests"] = {"level": "WARNING"}
# Celery workers keep the handlers above rather than installing their own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    start_error_reporting(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=""),
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
    )
