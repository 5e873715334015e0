"""``python -m simulator`` runs the same CLI as ``ipt-sim``."""

from simulator.cli import main

if __name__ == "__main__":
    main()
