"""The organization of registry entries is required and indexed with the academic year."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0004_registry_entry_organization")]

    operations = [
        *(
            migrations.AlterField(
                model_name=model_name,
                name="organization",
                field=models.ForeignKey(
                    editable=False,
                    on_delete=django.db.models.deletion.CASCADE,
                    related_name="+",
                    to="accounts.organization",
                    verbose_name="organization",
                ),
            )
            for model_name in ("menteeentry", "mentorentry")
        ),
        *(
            migrations.AddIndex(
                model_name=model_name,
                index=models.Index(fields=["organization", "academic_year"], name=f"{model_name}_organization_year"),
            )
            for model_name in ("menteeentry", "mentorentry")
        ),
    ]
