from django.db import migrations

from shop.migration_helpers import build_operations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0003_search'),
    ]

    operations = build_operations()
