"""A body at work: its people, meetings, records, action items and summary notes.

Modules: ``states`` (the meeting transitions table and pure predicates), ``people`` (finding a
body and its people by name), ``meetings`` (scheduling, agenda, invitations, attendance),
``record`` (decisions, action items, a whole record at once), ``summary`` (draft, Chair's
approval, publication, the Chatham House check), ``calendar`` (the terms of reference's
meeting calendar and attendance per member per year), ``ics`` (calendar files).
"""
