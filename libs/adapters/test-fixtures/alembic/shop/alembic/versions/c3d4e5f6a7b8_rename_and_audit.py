"""rename orders, add the audit schema table

Revision ID: c3d4e5f6a7b8
Revises: 9b7e3d2c1a05
Create Date: 2024-03-10 08:00:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'c3d4e5f6a7b8'
down_revision = '9b7e3d2c1a05'
branch_labels = None
depends_on = None

channel = postgresql.ENUM('web', 'store', name='sales_channel', create_type=False)


def upgrade():
    op.rename_table('orders', 'purchases')
    op.add_column('purchases', sa.Column('channel', channel, nullable=True))
    op.create_table(
        'audit_log',
        sa.Column('account_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('channel', channel, nullable=True),
        sa.Column('payload', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        schema='audit',
    )
    op.create_primary_key('pk_audit_log', 'audit_log', ['account_id', 'at'], schema='audit')
    op.create_exclude_constraint(
        'excl_audit_log_overlap',
        'audit_log',
        ('account_id', '='),
        (sa.text('tstzrange(at, at)'), '&&'),
        using='gist',
        schema='audit',
    )
    op.drop_table('legacy_sessions')
    op.drop_table('temp_import', if_exists=True)


def downgrade():
    op.rename_table('purchases', 'orders')
