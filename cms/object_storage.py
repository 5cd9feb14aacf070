"""S3-compatible object storage (django-storages) that fails the way a folder does.

Django, Wagtail, wagtailmedia and this project's own code answer an OSError from storage: a
missing file, a failed write. boto3 raises its own exceptions instead, so a store that does not
answer would end every page that touches a file in a 500. Here a store that cannot be reached
raises ConnectionError (an OSError), and any other refusal (no such bucket, access denied) a
plain OSError, naming the cause for the log.
"""

from contextlib import contextmanager

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from storages.backends.s3 import S3File, S3Storage
from storages.utils import clean_name


@contextmanager
def failures_as_os_errors():
    try:
        yield
    except (BotoConnectionError, HTTPClientError) as problem:
        raise ConnectionError(f"The object store could not be reached: {problem}") from problem
    except (BotoCoreError, ClientError, Boto3Error) as problem:
        raise OSError(f"The object store refused the request: {problem}") from problem


class ObjectFile(S3File):
    """A stored file whose contents, fetched when first read, fail as OSError too."""

    def _get_file(self):
        with failures_as_os_errors():
            return super()._get_file()

    file = property(_get_file, S3File._set_file)


class ObjectStorage(S3Storage):
    def _open(self, name, mode="rb"):
        with failures_as_os_errors():
            try:
                return ObjectFile(self._normalize_name(clean_name(name)), mode, self)
            except ClientError as problem:
                if problem.response["ResponseMetadata"]["HTTPStatusCode"] == 404:
                    raise FileNotFoundError(f"No such stored file: {name}") from problem
                raise

    def _save(self, name, content):
        with failures_as_os_errors():
            return super()._save(name, content)

    def delete(self, name):
        with failures_as_os_errors():
            return super().delete(name)

    def exists(self, name):
        with failures_as_os_errors():
            return super().exists(name)

    def listdir(self, name):
        with failures_as_os_errors():
            return super().listdir(name)

    def size(self, name):
        with failures_as_os_errors():
            return super().size(name)

    def url(self, name, parameters=None, expire=None, http_method=None):
        # Signing needs no request, but finding credentials may (an instance role).
        with failures_as_os_errors():
            return super().url(name, parameters, expire, http_method)

    def get_modified_time(self, name):
        with failures_as_os_errors():
            return super().get_modified_time(name)
