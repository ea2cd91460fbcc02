"""The Editors group: exactly the permissions needed to keep the catalog true."""

EDITORS_GROUP = "Editors"

# Every model an editor maintains through the admin and the API.
EDITED_MODELS = (
    "category",
    "usecase",
    "feature",
    "source",
    "framework",
    "advantage",
    "disadvantage",
    "usagestat",
    "featuresupport",
    "relation",
)
ACTIONS = ("view", "add", "change", "delete")
# What readers send in, which editors read, mark and clear (but never write).
REVIEWED_MODELS = ("frameworksuggestion",)
REVIEW_ACTIONS = ("view", "change", "delete")


def editor_permission_codenames():
    return [f"{action}_{model}" for model in EDITED_MODELS for action in ACTIONS] + [
        f"{action}_{model}" for model in REVIEWED_MODELS for action in REVIEW_ACTIONS
    ]
