from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
        ("catalog", "0003_rename_title_drop_legacy"),
    ]

    operations = [
        migrations.RemoveField(model_name="order", name="note"),
    ]
