"""merge the two heads

Revision ID: 4a1b2c3d4e05
Revises: 2f9e8d7c6b04, 3e5b7c9d1f03
Create Date: 2024-01-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = '4a1b2c3d4e05'
down_revision = ('2f9e8d7c6b04', '3e5b7c9d1f03')
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
