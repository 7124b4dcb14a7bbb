import django.contrib.postgres.fields
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name='Category',
            fields=[
                ('code', models.CharField(max_length=12, primary_key=True, serialize=False)),
                ('label', models.CharField(max_length=80)),
            ],
            options={
                'db_table': 'categories',
            },
        ),
        migrations.CreateModel(
            name='Tag',
            fields=[
                ('id', models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=40, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name='Product',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sku', models.CharField(max_length=32)),
                ('price', models.DecimalField(decimal_places=2, max_digits=10)),
                ('attributes', models.JSONField(default=dict)),
                ('sizes', django.contrib.postgres.fields.ArrayField(base_field=models.CharField(max_length=8), size=None)),
                ('category', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='shop.category')),
                ('tags', models.ManyToManyField(blank=True, to='shop.tag')),
            ],
            options={
                'unique_together': {('sku', 'category')},
                'indexes': [models.Index(fields=['-price'], name='shop_produc_price_idx')],
                'constraints': [
                    models.CheckConstraint(condition=models.Q(('price__gte', 0)), name='price_not_negative'),
                    models.UniqueConstraint(condition=models.Q(('price__gt', 0)), fields=('sku',), name='unique_priced_sku'),
                ],
            },
        ),
        migrations.CreateModel(
            name='DigitalProduct',
            fields=[
                ('product_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='shop.product')),
                ('download_url', models.URLField()),
            ],
            bases=('shop.product',),
        ),
        migrations.CreateModel(
            name='CheapProduct',
            fields=[],
            options={
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('shop.product',),
        ),
    ]
