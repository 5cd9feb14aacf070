"""STORAGES for object storage, built from the variables cms/settings/base.py reads (its
"Object storage" section explains them). Imported by the settings: nothing here reads them."""

from django.core.exceptions import ImproperlyConfigured


def object_storages(
    bucket,
    *,
    private_bucket="",
    public_location="media",
    private_location="private",
    endpoint_url="",
    region_name="",
    access_key="",
    secret_key="",
    addressing_style="",
    custom_domain="",
    download_url_seconds=5 * 60,
):
    """STORAGES' "default" and "private" in object storage."""
    # Imported here: boto3 is loaded only where object storage is used.
    from botocore.config import Config

    private_bucket = private_bucket or bucket
    public_prefix, private_prefix = public_location.strip("/"), private_location.strip("/")
    if private_bucket == bucket and (
        not public_prefix
        or not private_prefix
        or f"{public_prefix}/".startswith(f"{private_prefix}/")
        or f"{private_prefix}/".startswith(f"{public_prefix}/")
    ):
        raise ImproperlyConfigured(
            "Public media and masters share a bucket: give them two separate prefixes "
            "(AWS_PUBLIC_MEDIA_LOCATION, AWS_PRIVATE_MEDIA_LOCATION) or two buckets."
        )
    connection = {
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        # A store that does not answer fails a request within seconds, not minutes; signed
        # addresses carry X-Amz-Expires (signature version 4), which every provider accepts.
        "client_config": Config(
            signature_version="s3v4",
            s3={"addressing_style": addressing_style or "auto"},
            connect_timeout=5,
            read_timeout=60,
            retries={"mode": "standard", "max_attempts": 3},
        ),
        # Two masters both called "interview.mxf" stay two files, as in a folder.
        "file_overwrite": False,
        # A file read from the store spools to disk past this size: masters are never held in
        # memory (django-storages' default keeps the whole file there).
        "max_memory_size": 16 * 1024 * 1024,
    }
    backend = "cms.object_storage.ObjectStorage"
    return {
        "default": {
            "BACKEND": backend,
            "OPTIONS": {
                **connection,
                "bucket_name": bucket,
                "location": public_prefix,
                "querystring_auth": False,
                "custom_domain": custom_domain or None,
            },
        },
        "private": {
            "BACKEND": backend,
            "OPTIONS": {
                **connection,
                "bucket_name": private_bucket,
                "location": private_prefix,
                "querystring_auth": True,
                "querystring_expire": download_url_seconds,
            },
        },
    }
