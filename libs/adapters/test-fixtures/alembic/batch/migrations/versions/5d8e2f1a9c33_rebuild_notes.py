"""rebuild notes

Revision ID: 5d8e2f1a9c33
Revises: 27c6a30d7c24
Create Date: 2023-12-01 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '5d8e2f1a9c33'
down_revision = '27c6a30d7c24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notes', recreate='always') as batch_op:
        batch_op.drop_constraint('uq_notes_title', type_='unique')
        batch_op.create_check_constraint('ck_notes_title_length', 'length(title) > 0')
        batch_op.alter_column('author_id', new_column_name='owner_id')
    op.drop_index('ix_notes_title_trgm', table_name='notes', postgresql_concurrently=True, if_exists=True)


def downgrade():
    pass
