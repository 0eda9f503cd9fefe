"""report-builder doctor: what the tool uses on this computer, whether it is there and working, and how
to install what is missing (`checks.py`), the fonts of the templates (`fonts.py`) and the install
commands for each kind of system (`remedies.py`)."""
