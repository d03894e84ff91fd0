#!/usr/bin/env python3
"""Re-runs the console examples of README.md and writes their real output back.

Every ```console block is a sequence of `$ command` lines, each followed by its
output. The commands run in order in a scratch folder that holds the sample
corpus (as `corpus/`) and a fresh `index/`, with the release binaries first on
PATH, so the README shows what the tools print today. Blocks that cannot be
replayed unattended (`--watch`, which runs until Ctrl-C) are left alone.

Usage: python3 scripts/readme.py [--check]   (--check: exit 1 if anything but timings differs)
"""
import os, re, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)

# Input files some examples read; their content is shown in the README by `cat`.
FILES = {
    'bad.jsonl': '{"id": "b1", "title": 5, "body": "标题不是字符串"}\n{"id": "b2", "title": "少了引号, "body": "正文"}\n',
    'q.tsv': 'q1\t淄博 传感器\nq2\t郑州 航空港 货运\n',
}


def run(command, cwd, env):
    # Line-buffered stdout keeps its lines in order with stderr's, as on a terminal.
    p = subprocess.run(['stdbuf', '-oL', 'bash', '-c', command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode('utf-8')
    # Timings and the scratch folder's name vary from run to run.
    out = out.replace(cwd + '/', '')
    return out.rstrip('\n').split('\n') if out.strip() else []


def main():
    check = '--check' in sys.argv
    subprocess.run(['swift', 'build', '-c', 'release', '--static-swift-stdlib'], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    text = open(os.path.join(REPO, 'README.md'), encoding='utf-8').read()
    scratch = tempfile.mkdtemp(prefix='readme-')
    os.symlink(os.path.join(REPO, 'corpus'), os.path.join(scratch, 'corpus'))
    os.makedirs(os.path.join(scratch, 'docs'))
    for name, content in FILES.items():
        with open(os.path.join(scratch, name), 'w', encoding='utf-8') as f:
            f.write(content)
    env = dict(os.environ, PATH=os.path.join(REPO, '.build/release') + ':' + os.environ['PATH'], NO_COLOR='1', COLUMNS='120')
    for d in ('/tmp/idx',):
        shutil.rmtree(d, ignore_errors=True)

    def replay(match):
        body = match.group(2)
        if '--watch' in body:
            return match.group(0)
        lines = body.split('\n')
        out = []
        for line in lines:
            if line.startswith('$ '):
                out.append(line)
                out.extend(run(line[2:], scratch, env))
        return match.group(1) + '\n'.join(out) + match.group(3)

    new = re.sub(r'(```console\n)(.*?)(\n```)', replay, text, flags=re.S)

    def steady(t):
        """The text without what changes from run to run (seconds, MB/s, microseconds)."""
        t = re.sub(r'in [0-9.]+ s \([0-9.]+ MB/s\)', 'in N s (N MB/s)', t)
        return re.sub(r'(mean|p50|p90|p99)_us=[0-9]+', r'\1_us=N', t)
    # Charts the examples drew replace the README's copies (PNG beside each SVG).
    for name in os.listdir(os.path.join(scratch, 'docs')):
        if not check:
            target = os.path.join(REPO, 'docs', name)
            shutil.copy(os.path.join(scratch, 'docs', name), target)
            if name.endswith('.svg') and shutil.which('rsvg-convert'):
                subprocess.run(['rsvg-convert', '-o', target[:-4] + '.png', target], check=True)
    shutil.rmtree(scratch, ignore_errors=True)
    if steady(new) == steady(text):
        print('README.md examples are current (timings aside)')
        return 0
    if check:
        print('README.md examples differ from what the tools print (run scripts/readme.py)')
        return 1
    with open(os.path.join(REPO, 'README.md'), 'w', encoding='utf-8') as f:
        f.write(new)
    print('README.md examples rewritten')
    return 0


if __name__ == '__main__':
    sys.exit(main())
