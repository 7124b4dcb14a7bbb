from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('crm', '0001_initial'), ('crm', '0002_lead_source')]

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='Lead',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ('source', models.CharField(max_length=30, default='web')),
            ],
        ),
    ]
