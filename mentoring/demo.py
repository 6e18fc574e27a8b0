"""The demo data of the app: the registries' people (mentoring.registry.demo), who then form pairs
and groups with their work (mentoring.pairs.demo). seed_demo runs one ``demo`` module per app."""

from mentoring.registry.demo import seed

__all__ = ["seed"]
