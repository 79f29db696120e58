"""Records and rules of the office's work, in plain Python."""
