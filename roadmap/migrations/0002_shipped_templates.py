from django.db import migrations


def load_templates(apps, schema_editor):
    from roadmap.shipped import install

    install(
        apps.get_model("roadmap", "Roadmap"),
        apps.get_model("roadmap", "Stage"),
        apps.get_model("roadmap", "Activity"),
        apps.get_model("roadmap", "Occurrence"),
    )


def unload_templates(apps, schema_editor):
    from roadmap.shipped import uninstall

    uninstall(apps.get_model("roadmap", "Roadmap"))


class Migration(migrations.Migration):
    dependencies = [("roadmap", "0001_initial")]

    operations = [migrations.RunPython(load_templates, unload_templates)]
