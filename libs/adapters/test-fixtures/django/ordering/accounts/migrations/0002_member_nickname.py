from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('accounts', '0001_initial')]

    operations = [
        migrations.AddField(model_name='member', name='nickname', field=models.CharField(max_length=20, null=True)),
    ]
