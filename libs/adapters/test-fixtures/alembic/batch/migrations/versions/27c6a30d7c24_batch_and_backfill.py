"""batch changes, a concurrent index and a backfill

Revision ID: 27c6a30d7c24
Revises: ae1027a6acf0
Create Date: 2023-11-21 10:02:11.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = '27c6a30d7c24'
down_revision = 'ae1027a6acf0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('priority', postgresql.ENUM('low', 'high', name='priority', create_type=False), nullable=True))
        batch_op.add_column(sa.Column('author_id', sa.Integer(), nullable=True))
        batch_op.alter_column('title', existing_type=sa.VARCHAR(length=100), type_=sa.String(length=200), nullable=False)
        batch_op.create_index(batch_op.f('ix_notes_priority'), ['priority'], unique=False)
        batch_op.create_foreign_key('fk_notes_author_id_users', 'users', ['author_id'], ['id'], ondelete='SET NULL')
        batch_op.create_unique_constraint('uq_notes_title', ['title'])
        batch_op.drop_column('legacy')

    with op.get_context().autocommit_block():
        op.execute("ALTER TYPE priority ADD VALUE 'urgent'")
        op.create_index('ix_notes_title_trgm', 'notes', ['title'], postgresql_using='gin', postgresql_concurrently=True)

    notes = sa.table('notes', sa.column('priority', sa.String()))
    op.execute(notes.update().where(notes.c.priority.is_(None)).values(priority='low'))
    op.execute(sa.text("UPDATE notes SET title = trim(title)"))
    op.bulk_insert(notes, [{'priority': 'low'}, {'priority': 'high'}])
    conn = op.get_bind()
    conn.execute(sa.text("DELETE FROM notes WHERE title = ''"))


def downgrade():
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_column('priority')
