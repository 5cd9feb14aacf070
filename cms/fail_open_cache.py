"""The production cache: Redis through django-redis, failing open while Redis is away.

With IGNORE_EXCEPTIONS, django-redis answers "not cached" to get() and forgets set() while it
cannot reach Redis, so pages are rendered without the cache rather than failing. Its add()
then answers False, "the key is already held", and every lock or cooldown built on add()
becomes a refusal: allauth's rate limits take a lock with add(), so signing up and logging in
answered 429 for as long as Redis was away. Here add() answers True instead: the lock or the
cooldown is granted, as the rate limits themselves are skipped.
"""

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted


class FailOpenRedisCache(RedisCache):
    def add(self, *args, **kwargs):
        try:
            return self.client.add(*args, **kwargs)
        except ConnectionInterrupted as interrupted:
            if not self._ignore_exceptions:
                raise interrupted.__cause__ from None
            if self._log_ignored_exceptions:
                self.logger.exception("Exception ignored; add() granted")
            return True
