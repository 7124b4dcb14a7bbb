from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [('shop', '0001_initial')]

    operations = [
        migrations.AddField(model_name='cart', name='invoice', field=models.ForeignKey(null=True, on_delete=models.SET_NULL, to='billing.invoice')),
    ]
