from django.db import migrations


def load(apps, schema_editor):
    from mentoring.pairs.forms_of_mentoring import FORMS, TEACHER_FORMATS

    MentoringForm = apps.get_model("mentoring", "MentoringForm")
    RoleModel = apps.get_model("mentoring", "RoleModel")
    TeacherMentoringFormat = apps.get_model("mentoring", "TeacherMentoringFormat")
    for data in FORMS:
        fields = {key: value for key, value in data.items() if key not in {"code", "role_models"}}
        form, _ = MentoringForm.objects.update_or_create(code=data["code"], defaults=fields)
        for name in data["role_models"]:
            RoleModel.objects.get_or_create(form=form, name=name)
    for position, name in enumerate(TEACHER_FORMATS, start=1):
        TeacherMentoringFormat.objects.update_or_create(name=name, defaults={"position": position * 10})


def unload(apps, schema_editor):
    from mentoring.pairs.forms_of_mentoring import FORMS, TEACHER_FORMATS

    apps.get_model("mentoring", "MentoringForm").objects.filter(code__in=[f["code"] for f in FORMS]).delete()
    apps.get_model("mentoring", "TeacherMentoringFormat").objects.filter(name__in=TEACHER_FORMATS).delete()


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0002_developmentplan_mentoringform_teachermentoringformat_and_more")]

    operations = [migrations.RunPython(load, unload)]
