"""The docs stay true: the CLI reference is generated from the commands and must be current."""

import subprocess
import sys
from pathlib import Path

from fontes.cli import cli

ROOT = Path(__file__).parent.parent
CLI_DOC = ROOT / "docs" / "cli.md"


def test_cli_reference_is_current():
    """Fails when a command or option changed and `make docs` was not run."""
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", str(CLI_DOC)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, "docs/cli.md is stale: run `make docs`\n" + result.stdout + result.stderr


def test_every_command_and_option_is_documented():
    text = CLI_DOC.read_text()
    for name, command in cli.commands.items():
        assert f"## fontes {name}" in text, f"fontes {name} is not in docs/cli.md"
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in text, f"{opt} of fontes {name} is not in docs/cli.md"
