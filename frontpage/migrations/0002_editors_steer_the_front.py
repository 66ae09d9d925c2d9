"""Editors place stories on the front page and post the breaking-news banner; journalists don't."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GRANTS = {
    "frontslot": ["add", "change", "delete", "view"],
    "frontslotchange": ["view"],
    "breakingbanner": ["add", "change", "view"],
}


def editor_permissions(apps, db):
    Permission = apps.get_model("auth", "Permission")
    wanted = {f"{action}_{model}" for model, actions in EDITOR_GRANTS.items() for action in actions}
    permissions = list(
        Permission.objects.using(db).filter(
            content_type__app_label="frontpage", codename__in=wanted
        )
    )
    missing = wanted - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing: {sorted(missing)}")
    return permissions


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions only appear after every migration (post_migrate).
    app_config = apps.get_app_config("frontpage")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    editors, _ = Group.objects.using(db).get_or_create(name="Editors")
    editors.permissions.add(*editor_permissions(apps, db))


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    editors = Group.objects.using(db).filter(name="Editors").first()
    if editors is not None:
        editors.permissions.remove(*editor_permissions(apps, db))


class Migration(migrations.Migration):
    dependencies = [
        ("frontpage", "0001_front_slots_and_breaking_banner"),
        ("articles", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
