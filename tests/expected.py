"""What the starting content (fixtures/catalog.json) must give, pinned once."""

# Ranked by 2024 share; the two without any figure come last, by name.
RANKED_SLUGS = [
    "fastapi",
    "django",
    "flask",
    "requests",
    "asyncio",
    "django-rest-framework",
    "streamlit",
    "starlette",
    "aiohttp",
    "httpx",
]
