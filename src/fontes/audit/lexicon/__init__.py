"""Word lists the audit reads sentences with."""
