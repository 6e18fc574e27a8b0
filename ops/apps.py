from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Tooling that is not the product: benchmarks, the load test, backups. An app only so that
    its management commands are found; it has no models."""

    name = "ops"
    verbose_name = "Ops"
