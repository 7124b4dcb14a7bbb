from django.db import migrations, models

import search.operations


class Migration(migrations.Migration):

    dependencies = [
        ('shop', '0002_half_written'),
    ]

    operations = [
        migrations.AddField(
            model_name='item',
            name='sku',
            field=models.CharField(max_length=20, null=True),
        ),
        search.operations.BuildSearchVector(
            model_name='item',
            fields=['name', 'sku'],
        ),
        migrations.RemoveField(
            model_name='item',
            name='sku',
        ),
    ]
