"""add email

Revision ID: 2d4a6b8c0e02
Revises: 1c3f5e7a9b01
Create Date: 2024-01-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '2d4a6b8c0e02'
down_revision = '1c3f5e7a9b01'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('users', sa.Column('email', sa.String(255)))


def downgrade():
    pass
