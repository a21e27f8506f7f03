"""roster announcement: a decision's roster is public only once announced

Revision ID: c4e2a9d17b35
Revises: a81facfe7748
Create Date: 2026-11-29 19:50:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e2a9d17b35'
down_revision = 'a81facfe7748'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable columns with a NULL server default: every decision recorded before this
    # revision starts out not announced (its roster stays private until announced).
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.add_column(sa.Column('announced_at', sa.DateTime(), nullable=True, server_default=sa.null()))
        batch_op.add_column(sa.Column('announced_by_id', sa.Integer(), nullable=True, server_default=sa.null()))
        batch_op.add_column(sa.Column('public_from', sa.DateTime(), nullable=True, server_default=sa.null()))
        batch_op.create_foreign_key(batch_op.f('fk_decision_announced_by_id_user'), 'user', ['announced_by_id'], ['id'])


def downgrade():
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_decision_announced_by_id_user'), type_='foreignkey')
        batch_op.drop_column('public_from')
        batch_op.drop_column('announced_by_id')
        batch_op.drop_column('announced_at')
