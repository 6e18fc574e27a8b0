"""The demo data of the app: the registries' people (mentoring.registry.demo), who then form pairs
and groups with their work (mentoring.pairs.demo), the practices they describe
(mentoring.practices.demo), the «Школа наставников» of its mentors (mentoring.training.demo) and the
contests of the school and the municipality (mentoring.contests.demo). seed_demo runs one ``demo``
module per app."""

from accounts.demo import DemoWorld
from mentoring.contests import demo as contests
from mentoring.practices import demo as practices
from mentoring.registry import demo as registry
from mentoring.training import demo as training


def seed(world: DemoWorld) -> None:
    registry.seed(world)
    practices.seed(world)
    training.seed(world)
    contests.seed(world)
