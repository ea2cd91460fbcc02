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
    "granian",
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

# Issue 13: what readers weigh against the first ten. No source states a usage
# figure for any of them, so they have none.
ADDED_IN_ISSUE_13 = {
    "litestar",
    "django-ninja",
    "quart",
    "sanic",
    "tornado",
    "falcon",
    "bottle",
    "pyramid",
    "dash",
    "gradio",
    "nicegui",
    "urllib3",
    "uvicorn",
    "gunicorn",
    "hypercorn",
    "granian",
}
