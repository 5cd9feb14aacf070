from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.cache import cache
from django.db import models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index

from .backup_codes import BackupCode, BackupCodeDevice  # noqa: F401  (registers the models)
from .enrolment import EnrolmentLink  # noqa: F401  (registers the model)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": email})


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. The email address is the login; there is no username."""

    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    is_staff = models.BooleanField(
        _("staff status"),
        default=False,
        help_text=_("Whether the user can sign in to the admin."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # A translation key (a UUID, 36 characters), a colon and a revision id of any size.
    terms_version = models.CharField(_("terms of use accepted"), max_length=64, blank=True)
    terms_accepted_at = models.DateTimeField(_("terms of use accepted on"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email

    def accept_terms(self, terms):
        self.terms_version = terms.version if terms else ""
        self.terms_accepted_at = timezone.now()
        self.save(update_fields=["terms_version", "terms_accepted_at"])


CURRENT_VERSION_KEY = "users:current-terms-version"


class TermsOfUsePage(Page):
    """The terms a person accepts when registering. Each published revision is a version:
    the one accepted is recorded on the account."""

    body = RichTextField(_("terms"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("terms of use page")

    @classmethod
    def current(cls):
        """The published terms in the active language, or in the default one."""
        pages = cls.objects.live().select_related("locale")
        return pages.filter(locale=Locale.get_active()).first() or pages.first()

    @classmethod
    def current_version(cls):
        """The version of `current()`, or "" when no terms are published. Every download
        asks for it, so it is cached until terms are published, unpublished or deleted."""
        key = f"{CURRENT_VERSION_KEY}:{get_language()}"
        version = cache.get(key)
        if version is None:
            terms = cls.current()
            version = terms.version if terms else ""
            cache.set(key, version, timeout=None)
        return version

    @classmethod
    def forget_current_version(cls, **kwargs):
        """Now, and again once the change is committed: a request in between must not cache
        the old version for good."""
        keys = [f"{CURRENT_VERSION_KEY}:{code}" for code, _name in settings.LANGUAGES]
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))

    @property
    def version(self):
        return f"{self.translation_key}:{self.live_revision_id}"
