"""Where a video's files are kept: the master in the "private" storage, everything made from it
in the default one. Both are folders in the embedded mode and buckets in production
(cms/settings/base.py, "Object storage")."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage


class _StorageByAlias(LazyObject):
    """storages[alias], looked up when first used, as Django's default_storage is: a model
    field keeps the storage it was given when its class was made, and this one follows
    STORAGES even when a test changes it."""

    def __init__(self, alias):
        super().__init__()
        self.__dict__["alias"] = alias

    def _setup(self):
        self._wrapped = storages[self.alias]


private_masters = _StorageByAlias("private")


@receiver(setting_changed, dispatch_uid="videos-private-storage-follows-settings")
def _forget_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_masters._wrapped = empty


def in_object_storage(field_file):
    """Whether the file is in an S3-compatible bucket, which sends it itself (signed address)."""
    return isinstance(field_file.storage, S3Storage)
