from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='book',
            name='isbn',
            field=models.CharField(default='', max_length=13),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='book',
            name='title',
            field=models.CharField(help_text='Shown on the spine', max_length=300),
        ),
        migrations.RenameField(
            model_name='book',
            old_name='author',
            new_name='writer',
        ),
        migrations.RemoveField(
            model_name='book',
            name='published_at',
        ),
    ]
