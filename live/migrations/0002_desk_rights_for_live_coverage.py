"""Live coverage rights: journalists write and submit updates, editors also publish and correct.

Both desks open the live console (the "live coverage" list of stories).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Journalists": {
        ("live", "liveupdate"): ["add", "change", "view"],
        ("live", "livestory"): ["view"],
        ("live", "liveupdatecorrection"): ["view"],
    },
    "Editors": {
        ("live", "liveupdate"): ["add", "change", "view", "publish"],
        ("live", "livestory"): ["view"],
        ("live", "liveupdatecorrection"): ["add", "view"],
    },
}


def wanted_permissions(apps, db, grants):
    Permission = apps.get_model("auth", "Permission")
    wanted = {
        (app_label, f"{action}_{model}")
        for (app_label, model), actions in grants.items()
        for action in actions
    }
    permissions = [
        permission
        for permission in Permission.objects.using(db).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing: {sorted(missing)}")
    return permissions


def grant(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions only appear after every migration (post_migrate).
    app_config = apps.get_app_config("live")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.add(*wanted_permissions(apps, db, grants))


def revoke(apps, schema_editor):
    db = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group = Group.objects.using(db).filter(name=name).first()
        if group is not None:
            group.permissions.remove(*wanted_permissions(apps, db, grants))


class Migration(migrations.Migration):
    dependencies = [
        ("live", "0001_live_updates_and_corrections"),
        ("articles", "0002_editorial_groups"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
