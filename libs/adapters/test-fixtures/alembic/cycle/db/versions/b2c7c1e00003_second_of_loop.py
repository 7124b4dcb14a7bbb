"""second of the loop

Revision ID: b2c7c1e00003
Revises: a1c7c1e00002
Create Date: 2024-06-03 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'b2c7c1e00003'
down_revision = 'a1c7c1e00002'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('things', sa.Column('b', sa.Integer()))


def downgrade():
    pass
