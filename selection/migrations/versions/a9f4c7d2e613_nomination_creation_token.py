"""a nomination's creation token: the one-time token of the form that created it, unique, so
that the same form sent twice creates one nomination

Revision ID: a9f4c7d2e613
Revises: b8d3e5f1a274
Create Date: 2026-11-30 01:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a9f4c7d2e613'
down_revision = 'b8d3e5f1a274'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.add_column(sa.Column('creation_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_nomination_creation_token'), ['creation_token'])


def downgrade():
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_nomination_creation_token'), type_='unique')
        batch_op.drop_column('creation_token')
