"""One module per further command; each defines `command`, a click command the CLI adds."""
