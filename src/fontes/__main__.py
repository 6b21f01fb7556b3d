"""`python -m fontes`: the `fontes` command."""

from fontes.cli import main

if __name__ == "__main__":
    main()
