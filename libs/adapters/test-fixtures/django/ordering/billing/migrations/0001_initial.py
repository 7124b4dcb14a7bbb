from django.db import migrations, models


class Migration(migrations.Migration):

    run_before = [('shop', '0002_order')]

    dependencies = [('accounts', '__latest__'), ('payments_provider', '0007_external')]

    operations = [
        migrations.CreateModel(
            name='Invoice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ('member', models.ForeignKey(on_delete=models.CASCADE, to='accounts.member')),
            ],
        ),
    ]
