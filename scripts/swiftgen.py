"""What the resource generators share: where things are, the --data and --check options,
and the Swift file holding a generated table as one multi-line string literal.

With --check, a generator writes nothing: it compares what it would write with the files
in the repository, and `finish` exits with 1 naming each file that differs (CI runs every
generator so, and a stale generated file fails it). Without ../shared/data there is
nothing to compare with: the check says so and passes."""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

CHECK = False
_stale = []
_checked = []


def data_dir():
    """The --data option (default: ../shared/data beside the repository); reads --check too.
    With --check and no data folder, exits at once (0) after saying so."""
    global CHECK
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(REPO, '..', 'shared', 'data'))
    ap.add_argument('--check', action='store_true',
                    help='write nothing; exit 1 when a generated file differs from what would be written')
    args = ap.parse_args()
    CHECK = args.check
    if CHECK and not os.path.isdir(args.data):
        print('%s --check: skipped, no data at %s' % (os.path.basename(sys.argv[0]), args.data))
        sys.exit(0)
    return args.data


def write_swift(path, header, enum, prop, doc, lines):
    """Writes a Swift enum whose static string `prop` holds `lines`, one per line
    (with --check, compares it with the file at `path` instead)."""
    parts = ['// %s\n' % h for h in header]
    parts.append('\n/// %s\n' % doc)
    parts.append('enum %s {\n    static let %s = """\n' % (enum, prop))
    parts.extend('        %s\n' % line.replace('\\', '\\\\') for line in lines)
    parts.append('        """\n}\n')
    text = ''.join(parts)
    if CHECK:
        _checked.append(path)
        try:
            with open(path, encoding='utf-8', newline='') as f:
                same = f.read() == text
        except OSError:
            same = False
        if not same:
            _stale.append(path)
        return
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def finish(summary):
    """Prints `summary` after writing; with --check, says which files are stale and exits 1 if any."""
    if not CHECK:
        print(summary)
        return
    name = os.path.basename(sys.argv[0])
    for path in _stale:
        print('%s --check: %s is stale (run python3 scripts/%s and commit the result)'
              % (name, os.path.relpath(path, REPO), name), file=sys.stderr)
    if _stale:
        sys.exit(1)
    print('%s --check: %d generated files up to date' % (name, len(_checked)))
