import sys

from bot.catalogue.cli import main

sys.exit(main())
