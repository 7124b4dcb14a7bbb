import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('bank', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # 0: a longer varchar
        migrations.AlterField(
            model_name='account',
            name='name',
            field=models.CharField(max_length=100),
        ),
        # 1: NULL -> NOT NULL with a default: Django backfills the NULL rows first
        migrations.AlterField(
            model_name='account',
            name='nickname',
            field=models.CharField(default='anon', max_length=30),
        ),
        # 2: integer -> bigint
        migrations.AlterField(
            model_name='account',
            name='balance',
            field=models.BigIntegerField(default=0),
        ),
        # 3: unique dropped
        migrations.AlterField(
            model_name='account',
            name='code',
            field=models.CharField(max_length=10),
        ),
        # 4: a plain index becomes a unique constraint
        migrations.AlterField(
            model_name='account',
            name='status',
            field=models.CharField(max_length=10, unique=True),
        ),
        # 5: nothing the database sees
        migrations.AlterField(
            model_name='account',
            name='note',
            field=models.TextField(blank=True, help_text='Internal only', null=True, verbose_name='Note'),
        ),
        # 6: positive integer -> integer drops the CHECK
        migrations.AlterField(
            model_name='account',
            name='score',
            field=models.IntegerField(default=0),
        ),
        # 7: NOT NULL without a default, and a comment
        migrations.AlterField(
            model_name='account',
            name='owner',
            field=models.ForeignKey(db_comment='Who opened it', on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL),
        ),
        # 8: db_column renames the column
        migrations.AlterField(
            model_name='account',
            name='name',
            field=models.CharField(db_column='full_name', max_length=100),
        ),
        # 9: the default moves into the database
        migrations.AlterField(
            model_name='account',
            name='balance',
            field=models.BigIntegerField(db_default=0),
        ),
        # 10: the primary key widens; the ledger's foreign key follows
        migrations.AlterField(
            model_name='account',
            name='id',
            field=models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID'),
        ),
        # 11: unknown field
        migrations.AlterField(
            model_name='account',
            name='iban',
            field=models.CharField(max_length=34),
        ),
        # 12: a one-off default (preserve_default=False) for the backfill only
        migrations.AlterField(
            model_name='account',
            name='note',
            field=models.TextField(default='-'),
            preserve_default=False,
        ),
    ]
