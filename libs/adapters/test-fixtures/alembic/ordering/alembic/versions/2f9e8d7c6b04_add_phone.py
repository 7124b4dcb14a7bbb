"""add phone

Revision ID: 2f9e8d7c6b04
Revises: 2d4a6b8c0e02
Create Date: 2024-01-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2f9e8d7c6b04'
down_revision = '2d4a6b8c0e02'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('phone', sa.String(32)))


def downgrade():
    pass
