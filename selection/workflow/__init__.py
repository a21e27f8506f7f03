"""The workflow layer: every state change, checked against its table and audited.

Operations take the acting user as an argument and never touch the request, so views, the
CLI, the API and tests call them alike. They flush but never commit.
"""
