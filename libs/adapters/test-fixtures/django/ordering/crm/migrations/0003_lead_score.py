from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('crm', '0001_squashed_0002_lead_source')]

    operations = [
        migrations.AddField(model_name='lead', name='score', field=models.IntegerField(null=True)),
    ]
