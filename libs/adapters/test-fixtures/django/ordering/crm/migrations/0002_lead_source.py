from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('crm', '0001_initial')]

    operations = [
        migrations.AddField(model_name='lead', name='source', field=models.CharField(max_length=30, default='web')),
    ]
