"""Running child processes so that Ctrl-C and SIGTERM stop them too."""

import signal
import subprocess
import sys

_CHILDREN = set()


def run(args, *, stream=True, logfile=None, input_text=None, **kwargs):
    """Run ``args``; print its output live when ``stream``; also copy it to
    ``logfile``; feed it ``input_text``. Returns (exit code, output text)."""
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL if input_text is None else subprocess.PIPE,
        **kwargs,
    )
    _CHILDREN.add(process)
    if input_text is not None:
        process.stdin.write(input_text)
        process.stdin.close()
    chunks = []
    sink = open(logfile, "w", encoding="utf-8") if logfile else None  # noqa: SIM115
    try:
        for line in process.stdout:
            chunks.append(line)
            if sink:
                sink.write(line)
            if stream:
                sys.stdout.write(line)
                sys.stdout.flush()
        return process.wait(), "".join(chunks)
    finally:
        _CHILDREN.discard(process)
        if sink:
            sink.close()
        if process.poll() is None:
            process.kill()
            process.wait()


def _stop(signum, _frame):
    for child in list(_CHILDREN):
        child.terminate()
    # unwind through every `finally`, so throwaway databases are removed
    raise SystemExit(128 + signum)


def install_signal_handlers():
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
