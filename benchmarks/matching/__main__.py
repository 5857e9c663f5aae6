import sys

from benchmarks.matching.cli import main

sys.exit(main())
