"""The two desks: journalists write and submit; editors also publish, schedule and unpublish.

Neither group manages accounts or groups; that stays with superusers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ["add", "change", "delete", "view"]

GROUPS = {
    "Journalists": {
        ("articles", "article"): ["add", "change", "view"],
        ("articles", "articleauthor"): ALL,
        ("articles", "relatedarticle"): ALL,
        ("articles", "taggedarticle"): ALL,
        ("articles", "section"): ["view"],
        ("authors", "author"): ["view"],
        ("media", "image"): ["add", "change", "view"],
        ("taggit", "tag"): ["add", "view"],
    },
    "Editors": {
        ("articles", "article"): [*ALL, "publish"],
        ("articles", "articleauthor"): ALL,
        ("articles", "relatedarticle"): ALL,
        ("articles", "taggedarticle"): ALL,
        ("articles", "section"): ALL,
        ("authors", "author"): ALL,
        ("media", "image"): ALL,
        ("taggit", "tag"): ALL,
        ("taggit", "taggeditem"): ALL,
        # Linking an author profile to its login searches the accounts; viewing is not managing.
        ("auth", "user"): ["view"],
    },
}


def create_groups(apps, schema_editor):
    db = schema_editor.connection.alias
    # On a fresh database permissions are only created after every migration has run
    # (post_migrate), so make the ones the groups need now.
    for app_label in sorted({app_label for grants in GROUPS.values() for app_label, _ in grants}):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GROUPS.items():
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
            raise RuntimeError(f"Permissions missing for {name}: {sorted(missing)}")
        group, _ = Group.objects.using(db).get_or_create(name=name)
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("authors", "0001_initial"),
        ("media", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
    ]
