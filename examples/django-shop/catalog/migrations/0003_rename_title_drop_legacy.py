from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_product_sku"),
    ]

    operations = [
        migrations.RenameField(model_name="product", old_name="title", new_name="name"),
        migrations.RemoveField(model_name="product", name="legacy_code"),
    ]
