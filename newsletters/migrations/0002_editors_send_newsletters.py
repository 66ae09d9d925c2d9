"""Editors manage newsletters and send editions and alerts; journalists neither send nor change
them. Readers' addresses are the editors' to look after too (export and erasure are commands)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_GRANTS = {
    "newsletter": ["add", "change", "view"],
    "edition": ["add", "change", "delete", "view", "send"],
    "editionstory": ["add", "change", "delete", "view"],
    "breakingalert": ["add", "change", "view"],
    "subscriber": ["view"],
    "subscription": ["view"],
    "signup": ["view"],
    "suppression": ["add", "view", "delete"],
    "delivery": ["view"],
}


def codename(action, model):
    return "send_edition" if action == "send" else f"{action}_{model}"


def editor_permissions(apps, db):
    Permission = apps.get_model("auth", "Permission")
    wanted = {codename(action, model) for model, actions in EDITOR_GRANTS.items() for action in actions}
    permissions = list(
        Permission.objects.using(db).filter(
            content_type__app_label="newsletters", codename__in=wanted
        )
    )
    missing = wanted - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing: {sorted(missing)}")
    return permissions


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions only appear after every migration (post_migrate).
    app_config = apps.get_app_config("newsletters")
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
        ("newsletters", "0001_newsletters_subscribers_editions_deliveries"),
        ("articles", "0002_editorial_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
