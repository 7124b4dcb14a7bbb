"""notes

Revision ID: ae1027a6acf0
Revises:
Create Date: 2023-11-20 16:45:03.120934

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'ae1027a6acf0'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    priority = postgresql.ENUM('low', 'high', name='priority')
    priority.create(op.get_bind(), checkfirst=True)
    op.create_table(
        'notes',
        sa.Column('id', sa.Integer(), primary_key=True),
        sa.Column('title', sa.VARCHAR(length=100), nullable=True),
        sa.Column('legacy', sa.Boolean(), nullable=True),
    )


def downgrade():
    op.drop_table('notes')
    postgresql.ENUM(name='priority').drop(op.get_bind())
