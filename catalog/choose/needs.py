"""What a reader asks the guide, and how their experience weighs the answer."""

from dataclasses import dataclass

from django.db import models

from ..models import FeatureSupport, Framework

Curve = Framework.LearningCurve
Level = FeatureSupport.Level


class Experience(models.TextChoices):
    BEGINNER = "beginner", "New to Python web development"
    INTERMEDIATE = "intermediate", "Comfortable: I have built a project or two"
    EXPERT = "expert", "Experienced: I know several frameworks well"


@dataclass(frozen=True)
class Weighing:
    """How a reader's experience weighs learning curves, features and cautions."""

    summary: str
    curve_points: dict
    level_points: dict
    newcomer_cautions: bool


DEFAULT_LEVEL_POINTS = {
    Level.BUILT_IN: 3,
    Level.EXTRA: 3,
    Level.SERVER: 2,
    Level.PACKAGE: 1,
    Level.NONE: -1,
}

WEIGHINGS = {
    "": Weighing(
        summary="You did not say how much experience you have, so learning curves "
        "do not count, and every caution is shown.",
        curve_points={},
        level_points=DEFAULT_LEVEL_POINTS,
        newcomer_cautions=True,
    ),
    Experience.BEGINNER: Weighing(
        summary="As a newcomer, tools with a gentle learning curve move up and "
        "steep ones move down; a feature that needs an extra install or a separate "
        "package counts for less, since each is one more thing to learn and wire "
        "in; and you are warned about what tends to trip newcomers up.",
        curve_points={Curve.GENTLE: 2, Curve.STEEP: -2},
        level_points={
            **DEFAULT_LEVEL_POINTS,
            Level.EXTRA: 2,
            Level.SERVER: 1,
            Level.PACKAGE: 0,
        },
        newcomer_cautions=True,
    ),
    Experience.INTERMEDIATE: Weighing(
        summary="Having built a project or two, a gentle learning curve counts a "
        "little in a tool's favour and a steep one a little against it; you are "
        "still warned about what tends to trip people up.",
        curve_points={Curve.GENTLE: 1, Curve.STEEP: -1},
        level_points=DEFAULT_LEVEL_POINTS,
        newcomer_cautions=True,
    ),
    Experience.EXPERT: Weighing(
        summary="As an experienced developer, learning curves do not count, a "
        "feature from a separate package counts nearly as much as a built-in one, "
        "and warnings meant for newcomers are left out.",
        curve_points={},
        level_points={**DEFAULT_LEVEL_POINTS, Level.PACKAGE: 2},
        newcomer_cautions=False,
    ),
}


@dataclass(frozen=True)
class Needs:
    """What the reader asked for: use case slugs, feature slugs, experience."""

    use_cases: tuple = ()
    features: tuple = ()
    experience: str = ""

    @property
    def is_empty(self):
        """True when there is nothing to match tools against."""
        return not self.use_cases and not self.features
