"""notice templates per language: a call's own notice wording in the six languages (issue 14)

Revision ID: e9b4d2c7a615
Revises: d4f1c8a2b957
Create Date: 2026-11-30 02:50:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e9b4d2c7a615'
down_revision = 'd4f1c8a2b957'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('notice_template', schema=None) as batch_op:
        batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('notice_template', schema=None) as batch_op:
        batch_op.drop_column('translations')
