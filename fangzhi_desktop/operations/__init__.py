"""Whole user actions in plain Python (read from storage, write a file, record what was done),
shared by the command line and the window so both do exactly the same thing."""
