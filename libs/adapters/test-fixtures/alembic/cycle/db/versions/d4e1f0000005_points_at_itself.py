"""points at itself

Revision ID: d4e1f0000005
Revises: d4e1f0000005
Create Date: 2024-06-05 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = 'd4e1f0000005'
down_revision = 'd4e1f0000005'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('things', sa.Column('d', sa.Integer()))


def downgrade():
    pass
