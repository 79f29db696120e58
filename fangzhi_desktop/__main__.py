"""``python -m fangzhi_desktop``: the window, or a subcommand."""

import sys

from fangzhi_desktop.launcher import main

if __name__ == "__main__":
    sys.exit(main())
