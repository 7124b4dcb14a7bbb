from django.db import migrations, models

FORWARDS = """
CREATE INDEX CONCURRENTLY shop_product_sku_trgm
    ON products USING gin (sku gin_trgm_ops);
"""


def copy_prices(apps, schema_editor):
    Product = apps.get_model('shop', 'Product')
    Product.objects.update(price=1)


class Migration(migrations.Migration):

    atomic = False

    dependencies = [
        ('shop', '0001_initial'),
    ]

    operations = [
        migrations.RenameModel(
            old_name='Tag',
            new_name='Label',
        ),
        migrations.AlterModelTable(
            name='product',
            table='products',
        ),
        migrations.AlterUniqueTogether(
            name='product',
            unique_together={('sku',)},
        ),
        migrations.AddIndex(
            model_name='product',
            index=models.Index(fields=['sku', 'price'], name='sku_price_idx'),
        ),
        migrations.RemoveIndex(
            model_name='product',
            name='shop_produc_price_idx',
        ),
        migrations.RenameIndex(
            model_name='product',
            new_name='sku_and_price_idx',
            old_name='sku_price_idx',
        ),
        migrations.RemoveConstraint(
            model_name='product',
            name='unique_priced_sku',
        ),
        migrations.AddConstraint(
            model_name='product',
            constraint=models.CheckConstraint(condition=models.Q(price__lt=100000) | models.Q(sku__startswith='LUX'), name='price_cap'),
        ),
        migrations.RunSQL(FORWARDS, reverse_sql='DROP INDEX shop_product_sku_trgm;'),
        migrations.RunPython(copy_prices, migrations.RunPython.noop, atomic=True),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL('ALTER TABLE products ADD COLUMN legacy_code varchar(10) NULL;'),
            ],
            state_operations=[
                migrations.AddField(
                    model_name='product',
                    name='legacy_code',
                    field=models.CharField(max_length=10, null=True),
                ),
            ],
        ),
        migrations.RemoveField(
            model_name='product',
            name='tags',
        ),
    ]
