"""first of a loop (hand-edited down_revision)

Revision ID: a1c7c1e00002
Revises: b2c7c1e00003
Create Date: 2024-06-02 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'a1c7c1e00002'
down_revision = 'b2c7c1e00003'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('things', sa.Column('a', sa.Integer()))


def downgrade():
    pass
