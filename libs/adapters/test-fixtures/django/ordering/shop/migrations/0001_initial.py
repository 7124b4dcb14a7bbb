from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('accounts', '__first__')]

    operations = [
        migrations.CreateModel(
            name='Cart',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
            ],
        ),
    ]
