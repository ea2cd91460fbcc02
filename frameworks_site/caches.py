"""The default cache: when it is down the site slows down a little, never fails.

With Redis, connection errors are logged and ignored: a read misses and a write
is dropped, so throttles let requests through and pages render live. Short
socket timeouts keep an unreachable server from holding requests up.
"""

REDIS_BACKEND = "django_redis.cache.RedisCache"


def fail_open(config, timeout):
    """``config`` (a CACHES entry), made to fail open if it is Redis."""
    if config["BACKEND"] != REDIS_BACKEND:
        return config
    options = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": timeout,
        "SOCKET_TIMEOUT": timeout,
        **config.get("OPTIONS", {}),
    }
    return {**config, "OPTIONS": options}
