"""Documents made from a call for people to read or file: CSV and Excel exports of its
nominations (exports)."""
