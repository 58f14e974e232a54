import sys

from kpmap.cli import main

sys.exit(main())
