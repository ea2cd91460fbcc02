"""What the starting content (fixtures/catalog.json) must give, pinned once."""

# Ranked by 2024 share; then the two the seed only ranks (7th to 10th), by name;
# then, by name, every entry no survey counts.
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
    "bottle",
    "dash",
    "django-ninja",
    "falcon",
    "gradio",
    "gunicorn",
    "hypercorn",
    "litestar",
    "nicegui",
    "pyramid",
    "quart",
    "sanic",
    "tornado",
    "urllib3",
    "uvicorn",
]
