"""an index over a call's nominations and their nominees (issue 13): finding the people
nominated more than once reads the index, not the nominations' text

Revision ID: c3e8a1f5b702
Revises: e9b4d2c7a615
Create Date: 2026-11-30 04:50:00.000000

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c3e8a1f5b702'
down_revision = 'e9b4d2c7a615'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_nomination_call_nominee_status', 'nomination', ['call_id', 'nominee_id', 'status'])


def downgrade():
    op.drop_index('ix_nomination_call_nominee_status', table_name='nomination')
