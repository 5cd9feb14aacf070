"""CACHES built from the one cache the environment names (CACHE_URL). Imported by the
settings: nothing here reads them."""

from pathlib import Path


def caches_on(default):
    """The site's caches, all on one backend shared by every process: rate limits and
    Wagtail's site lookup use the default; image renditions are looked up in "renditions"
    (so a story with many images costs no query per image); rendered story fragments live in
    "template_fragments" (newsroom/fragment_cache.py)."""
    fragments = {**default, "KEY_PREFIX": "fragments", "TIMEOUT": 60 * 60}
    if default["BACKEND"].endswith("FileBasedCache"):
        # A folder of its own, so that emptying the fragments leaves the renditions alone.
        fragments["LOCATION"] = str(Path(default["LOCATION"]) / "fragments")
    return {
        "default": default,
        "renditions": {**default, "KEY_PREFIX": "renditions", "TIMEOUT": 60 * 60 * 24},
        "template_fragments": fragments,
    }


def fail_open(cache):
    """A Redis cache that answers "not cached" while Redis is unreachable instead of raising,
    and gives up on a connection within half a second (django-redis, cms/fail_open_cache.py;
    Django's own RedisCache raises). Other caches are returned as they are."""
    if "redis" not in cache["BACKEND"].lower():
        return cache
    options = {key.upper(): value for key, value in cache.get("OPTIONS", {}).items()}
    return {
        **cache,
        "BACKEND": "cms.fail_open_cache.FailOpenRedisCache",
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            **options,
            "IGNORE_EXCEPTIONS": True,
        },
    }
