"""The demo data of the app: the registries' people (mentoring.registry.demo), who then form pairs
and groups with their work (mentoring.pairs.demo), and the contests of the school and the
municipality (mentoring.contests.demo). seed_demo runs one ``demo`` module per app."""

from accounts.demo import DemoWorld
from mentoring.contests import demo as demo_contests
from mentoring.registry.demo import seed as seed_registry


def seed(world: DemoWorld) -> None:
    seed_registry(world)
    demo_contests.seed(world)


__all__ = ["seed"]
