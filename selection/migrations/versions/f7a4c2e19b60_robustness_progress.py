"""robustness progress: resamples solved so far, of how many, on a slate run

Revision ID: f7a4c2e19b60
Revises: e5b27c4d8a31
Create Date: 2026-11-29 21:35:00.000000

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f7a4c2e19b60'
down_revision = 'e5b27c4d8a31'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('slate_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('resamples_done', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('resamples_total', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('slate_run', schema=None) as batch_op:
        batch_op.drop_column('resamples_total')
        batch_op.drop_column('resamples_done')
