from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('inventory', '0003_b')]

    operations = [
        migrations.AddField(model_name='bin', name='shelf', field=models.IntegerField(default=1)),
    ]
