from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('inventory', '0002_a')]

    operations = [
        migrations.AddField(model_name='bin', name='label', field=models.CharField(max_length=10)),
    ]
