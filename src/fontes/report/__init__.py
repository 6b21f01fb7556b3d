"""Render results: terminal (rich) and JSON."""

from fontes.report.json_report import SCHEMA, report_data
from fontes.report.terminal import print_report

__all__ = ["SCHEMA", "print_report", "report_data"]
