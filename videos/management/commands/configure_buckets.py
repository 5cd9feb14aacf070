"""`manage.py configure_buckets`: object storage made ready for the site, safe to run again.

Public media get plain, unsigned addresses, so their prefix must be readable by anyone; the
masters must be readable by no one but the site, which hands them out through signed addresses
that expire. Both are granted by bucket policy rather than object ACLs, which Amazon S3 turns off
on new buckets and other providers ignore.
"""

import json

from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from storages.backends.s3 import S3Storage

PUBLIC_STATEMENT_ID = "NewsroomPublicMedia"
# Providers that have no "block public access" settings answer these.
UNSUPPORTED = {"NotImplemented", "MethodNotAllowed", "XNotImplemented"}


def public_read_statement(bucket, prefix):
    return {
        "Sid": PUBLIC_STATEMENT_ID,
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/{prefix}/*",
    }


class Command(BaseCommand):
    help = (
        "Makes the object storage buckets if they are missing, lets anyone read public media "
        "and no one the masters."
    )

    def handle(self, *args, **options):
        public, private = storages["default"], storages["private"]
        if not (isinstance(public, S3Storage) and isinstance(private, S3Storage)):
            raise CommandError(
                "Object storage is not configured: set AWS_STORAGE_BUCKET_NAME and its "
                "variables (README, “Object storage”)."
            )
        try:
            for storage in (public, private):
                self.make_bucket(storage)
            self.let_anyone_read(public)
            if private.bucket_name != public.bucket_name:
                self.block_public_access(private, policies_too=True)
        except (BotoCoreError, ClientError) as problem:
            raise CommandError(f"The object store refused: {problem}") from problem
        self.stdout.write(
            f"Public media, readable by anyone: s3://{public.bucket_name}/{public.location}/"
        )
        self.stdout.write(
            f"Masters, readable through signed addresses only: "
            f"s3://{private.bucket_name}/{private.location}/"
        )

    def make_bucket(self, storage):
        client = storage.connection.meta.client
        try:
            client.head_bucket(Bucket=storage.bucket_name)
            return
        except ClientError as problem:
            if problem.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                raise
        region = client.meta.region_name
        where = (
            {"CreateBucketConfiguration": {"LocationConstraint": region}}
            if region and region != "us-east-1"
            else {}
        )
        client.create_bucket(Bucket=storage.bucket_name, **where)
        self.stdout.write(f"Made the bucket {storage.bucket_name}.")

    def let_anyone_read(self, public):
        """Adds (or replaces) one statement in the bucket's policy, keeping any others."""
        self.block_public_access(public, policies_too=False)
        client = public.connection.meta.client
        try:
            policy = json.loads(client.get_bucket_policy(Bucket=public.bucket_name)["Policy"])
        except ClientError as problem:
            if problem.response["Error"]["Code"] != "NoSuchBucketPolicy":
                raise
            policy = {"Version": "2012-10-17", "Statement": []}
        policy["Statement"] = [
            statement
            for statement in policy.get("Statement", [])
            if statement.get("Sid") != PUBLIC_STATEMENT_ID
        ] + [public_read_statement(public.bucket_name, public.location)]
        client.put_bucket_policy(Bucket=public.bucket_name, Policy=json.dumps(policy))

    def block_public_access(self, storage, *, policies_too):
        """Refuses public ACLs always, and public policies too on a bucket of masters alone."""
        client = storage.connection.meta.client
        try:
            client.put_public_access_block(
                Bucket=storage.bucket_name,
                PublicAccessBlockConfiguration={
                    "BlockPublicAcls": True,
                    "IgnorePublicAcls": True,
                    "BlockPublicPolicy": policies_too,
                    "RestrictPublicBuckets": policies_too,
                },
            )
        except ClientError as problem:
            if problem.response["Error"]["Code"] not in UNSUPPORTED:
                raise
            self.stdout.write(
                f"This store has no public access settings; {storage.bucket_name} keeps its own."
            )
