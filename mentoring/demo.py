"""The demo data of the app: the registries' people (mentoring.registry.demo), who then form pairs
and groups with their work (mentoring.pairs.demo), and the «Школа наставников» of its mentors
(mentoring.training.demo). seed_demo runs one ``demo`` module per app."""

from accounts.demo import DemoWorld
from mentoring.registry.demo import seed as seed_registries
from mentoring.training.demo import seed as seed_training


def seed(world: DemoWorld) -> None:
    seed_registries(world)
    seed_training(world)


__all__ = ["seed"]
