"""account changes

Revision ID: 9b7e3d2c1a05
Revises: 4f2a9c1d7b10
Create Date: 2024-02-02 14:05:00.000001+01:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '9b7e3d2c1a05'
down_revision = '4f2a9c1d7b10'
branch_labels = None
depends_on = None


def upgrade():
    # columns: positional and keyword arguments
    op.add_column('accounts', sa.Column('nickname', sa.String(50), nullable=True))
    op.add_column('accounts', sa.Column('referrer_id', sa.Integer(), sa.ForeignKey('accounts.id', ondelete='SET NULL'), nullable=True, index=True))
    op.add_column(table_name='accounts', column=sa.Column('flags', sa.Integer(), server_default='0', nullable=False))
    op.alter_column('accounts', 'email', existing_type=sa.String(length=255), type_=sa.Text(), existing_nullable=False)
    op.alter_column('orders', 'total', existing_type=sa.Numeric(10, 2), type_=sa.Integer(), postgresql_using='round(total)::integer')
    op.alter_column('orders', 'placed_at', existing_type=sa.DateTime(), nullable=False, server_default=sa.text('now()'))
    op.alter_column('accounts', 'balance', server_default=None, new_column_name='credit', comment='in cents')
    op.drop_column('orders', 'notes')

    # constraints and indexes
    op.create_unique_constraint('uq_accounts_nickname', 'accounts', ['nickname'])
    op.create_check_constraint('ck_accounts_flags', 'accounts', 'flags >= 0')
    op.drop_constraint('orders_account_id_fkey', 'orders', type_='foreignkey')
    op.create_foreign_key(None, 'orders', 'accounts', ['account_id'], ['id'], ondelete='RESTRICT')
    op.create_primary_key('pk_account_tags', 'account_tags', ['account_id', 'tag'])
    op.drop_index('ix_orders_recent', table_name='orders')
    op.create_index('ix_accounts_lower_email', 'accounts', [sa.text('lower(email)')], unique=True)
    op.create_table_comment('accounts', 'customer accounts')


def downgrade():
    op.drop_table_comment('accounts')
    op.drop_index('ix_accounts_lower_email', table_name='accounts')
    op.drop_column('accounts', 'flags')
