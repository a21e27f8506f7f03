"""personal data and contributions: erasure requests, a nominee's anonymisation date,
a contribution's date received and purpose

Revision ID: c3e9d1a7b2f4
Revises: c320aaf35616
Create Date: 2026-11-29 22:40:00.000000

"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c3e9d1a7b2f4'
down_revision = 'c320aaf35616'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('erasure_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'confirmed', 'declined', name='erasurestatus', native_enum=False,
                                length=32), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decline_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user.id'], name=op.f('fk_erasure_request_decided_by_id_user')),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_erasure_request_user_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_erasure_request'))
    )
    with op.batch_alter_table('erasure_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_erasure_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_erasure_request_user_id'), ['user_id'], unique=False)
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('donor_contribution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('received_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('purpose', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('donor_contribution', schema=None) as batch_op:
        batch_op.drop_column('purpose')
        batch_op.drop_column('received_on')
    with op.batch_alter_table('nomination', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
    with op.batch_alter_table('nominee', schema=None) as batch_op:
        batch_op.drop_column('anonymised_at')
    with op.batch_alter_table('erasure_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_erasure_request_user_id'))
        batch_op.drop_index(batch_op.f('ix_erasure_request_status'))
    op.drop_table('erasure_request')
