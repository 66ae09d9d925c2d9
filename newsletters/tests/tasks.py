"""What a worker does, run in the test's own process, with the newsletters' memo cleared."""

from newsletters import delivering
from tools.testing import tasks


def run_tasks():
    delivering._rendered.clear()  # a rolled-back test's edition may have had the same id
    tasks.run_tasks()
