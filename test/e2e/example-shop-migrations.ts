/**
 * A migration that follows examples/django-shop's last one: the product gets a weight. Specs
 * write it into a copy of the example to see a second scan add exactly its events.
 */
export const PRODUCT_WEIGHT_MIGRATION = {
  path: 'catalog/migrations/0004_product_weight.py',
  content: [
    'from django.db import migrations, models',
    '',
    '',
    'class Migration(migrations.Migration):',
    '    dependencies = [("catalog", "0003_rename_title_drop_legacy")]',
    '',
    '    operations = [',
    '        migrations.AddField(model_name="product", name="weight_grams", field=models.IntegerField(null=True)),',
    '    ]',
    '',
  ].join('\n'),
} as const;
