import sys

from ordinavo_desk.cli import main

sys.exit(main())
