"""WTForms forms, one module per audience. Forms never touch the database: views inject choices."""
from flask_wtf import FlaskForm


class BaseForm(FlaskForm):
    """Every form of the app: CSRF-protected through Flask-WTF."""
