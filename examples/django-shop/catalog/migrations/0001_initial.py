from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Category",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=80, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="Product",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=120)),
                ("price", models.DecimalField(max_digits=8, decimal_places=2)),
                ("legacy_code", models.CharField(max_length=20, null=True)),
                ("category", models.ForeignKey(on_delete=models.deletion.PROTECT, to="catalog.category")),
            ],
        ),
    ]
