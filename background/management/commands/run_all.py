"""Start the web server, the worker and the scheduler together; Ctrl+C stops all three.

Plain Python (subprocess and signals), so it works on a fresh machine with no process
manager installed. The commands are the same as in the Procfile.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run web server, task worker and scheduler in one terminal (Ctrl+C stops them all)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--addr", default="127.0.0.1:8000", help="Where the web server listens."
        )
        parser.add_argument(
            "--gunicorn",
            action="store_true",
            help="Serve with gunicorn (as in production) instead of the development server.",
        )

    def handle(self, *args, addr: str, gunicorn: bool, **options) -> None:
        python = sys.executable
        manage = [python, "manage.py"]
        if gunicorn:
            web = [
                python,
                "-m",
                "gunicorn",
                "hub.wsgi",
                "--bind",
                addr,
                "--config",
                "gunicorn.conf.py",
            ]
        else:
            web = [*manage, "runserver", addr, "--noreload"]
        processes = {
            "web": web,
            "worker": [*manage, "run_worker", "--no-startup-delay"],
            "scheduler": [*manage, "run_scheduler"],
        }
        children: dict[str, subprocess.Popen] = {}
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in processes.items():
            # Own process group: Ctrl+C reaches this launcher, which stops each child in turn.
            children[name] = subprocess.Popen(command, start_new_session=True, env=os.environ)
            self.stdout.write(f"started {name} (pid {children[name].pid}): {' '.join(command[1:])}")
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(
                            f"{name} stopped (exit code {child.returncode}); stopping all"
                        )
                        stopping = True
                        break
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 15
            for name, child in children.items():
                try:
                    child.wait(timeout=max(deadline - time.monotonic(), 0.1))
                except subprocess.TimeoutExpired:
                    self.stderr.write(f"{name} did not stop in time; killing it")
                    child.kill()
                    child.wait()
            self.stdout.write("all stopped")
