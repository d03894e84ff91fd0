"""What the resource generators share: where things are, the --data option, and
the Swift file holding a generated table as one multi-line string literal."""
import argparse
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def data_dir():
    """The --data option (default: ../shared/data beside the repository)."""
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default=os.path.join(REPO, '..', 'shared', 'data'))
    return ap.parse_args().data


def write_swift(path, header, enum, prop, doc, lines):
    """Writes a Swift enum whose static string `prop` holds `lines`, one per line."""
    with open(path, 'w', encoding='utf-8') as f:
        for h in header:
            f.write('// %s\n' % h)
        f.write('\n/// %s\n' % doc)
        f.write('enum %s {\n    static let %s = """\n' % (enum, prop))
        for line in lines:
            f.write('        %s\n' % line.replace('\\', '\\\\'))
        f.write('        """\n}\n')
