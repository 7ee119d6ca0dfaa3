"""Registry of the subcommands that live beside the modules they drive.

Each entry is a function taking argparse's subparsers object and adding one subcommand.
"""

REGISTRARS: list = []
