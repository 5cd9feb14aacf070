import os

from django.core.wsgi import get_wsgi_application

from cms.request_charset import ignore_non_text_charsets

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

application = ignore_non_text_charsets(get_wsgi_application())
