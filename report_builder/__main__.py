"""`python -m report_builder`: the report-builder command, run by whichever Python has the package."""

from report_builder.cli import main

if __name__ == "__main__":
    main(prog_name="report-builder")
