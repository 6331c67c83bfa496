"""Reading a filled ficha against python-docx opening it, counted in machine instructions.

    .venv/bin/python bench/ficha_instructions.py [SAMPLE ...]     (default: the three slowest samples)

The same comparison as bench/ficha_parsing.py, counted by valgrind (callgrind) instead of timed:
on the shared 2-core machine a best-of-N time varies by a fifth from run to run, which hides any
change smaller than that; an instruction count is the same on every run. Use it to compare two
versions of the reader (run it before and after); the target itself is a time, in
bench/ficha_parsing.py (an instruction of lxml's parser costs less time than one of the Python
interpreter, so the count ratio reads lower than the time ratio: 1.7-1.8 against 1.9-2.05 on
Peru's sample). Counts still vary by a few percent between runs where the parser allocates (the
allocator's state differs): compare the reading alone when a change is smaller than that.

Each sample runs in a process of its own under valgrind: every reading is done three times
untimed (imports, caches), then a fixed number of times between two counter dumps, so the
import and set-up of the process cancel out. "read" is what bench/ficha_parsing.py times: the
blank form read again after its caches are forgotten is counted alone and subtracted. About two
and a half minutes per sample.
"""

import io
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "fichas"
DEFAULT_SAMPLES = [
    "ficha_peru_apci_controles_de_contenido.docx",
    "ficha_colombia_apc_campos_y_casillas.docx",
    "ficha_portugal_camoes_pt.docx",
]
ROUNDS = 20
PHASES = ("docx", "prepare", "read")


def counted_phases(sample: str) -> None:
    """Run inside valgrind: each phase ROUNDS times, with a counter dump after each."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alianzas.settings")
    os.environ.setdefault("DATABASE_URL", "postgres://unused/unused")
    import django

    django.setup()
    import gc

    import docx
    from django.utils import translation

    from bench.ficha_parsing import read_as_uploaded
    from surveys.docx.reader import folded_head
    from surveys.docx.vocabulary import is_actor_header

    translation.activate("es")
    data = next(FIXTURES.rglob(sample)).read_bytes()
    blank = (FIXTURES / "ficha_pifcss_blank.docx").read_bytes()

    def prepare():
        folded_head.cache_clear()
        is_actor_header.cache_clear()
        read_as_uploaded(blank)

    phases = {
        "docx": lambda: docx.Document(io.BytesIO(data)),
        "prepare": prepare,
        "read": lambda: (prepare(), read_as_uploaded(data)),
    }
    for phase in phases.values():
        for _ in range(3):
            phase()
    gc.collect()
    gc.disable()  # a collection would land in whichever phase it happens in

    def dump(label):
        subprocess.run(["callgrind_control", f"--dump={label}", str(os.getpid())], capture_output=True)
        time.sleep(0.5)  # the dump is taken by valgrind's own thread

    dump("start")
    for label, phase in phases.items():
        for _ in range(ROUNDS):
            phase()
        dump(label)


def instructions(sample: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, __file__, "--counted", sample],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},  # the same dictionaries' layout on every run
        )
        counts = {}
        for part in Path(folder).glob("callgrind.out.*"):
            text = part.read_text(errors="replace")
            label = re.search(r"^desc: Trigger: dump (\S+)", text, re.M).group(1)
            counts[label] = int(re.search(r"^(?:summary|totals): (\d+)", text, re.M).group(1)) / ROUNDS
    return {"docx": counts["docx"], "read": counts["read"] - counts["prepare"]}


def main(samples: list[str]) -> int:
    if subprocess.run(["which", "valgrind"], capture_output=True).returncode:
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 1
    print(f"{'sample':50} {'python-docx':>12} {'read':>12} {'ratio':>6}")
    for sample in samples:
        counts = instructions(sample)
        print(f"{sample:50} {counts['docx'] / 1e6:11.2f}M {counts['read'] / 1e6:11.2f}M {counts['read'] / counts['docx']:6.2f}")
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--counted"]:
        counted_phases(sys.argv[2])
    else:
        sys.exit(main(sys.argv[1:] or DEFAULT_SAMPLES))
