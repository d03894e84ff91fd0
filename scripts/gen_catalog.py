#!/usr/bin/env python3
"""Generates the catalog resources of Sources/NewsCatalog/Generated/:

  RegionTable.swift    code, level, name, short names, parent of every province,
                       prefecture, county/district (2023 statistical codes), plus
                       HK/MO/TW districts (synthetic codes 71xxyy/81xxyy/82xxyy) and
                       the development zones of scripts/catalog/zones.tsv
  IndustryTable.swift  GB/T 4754-2017 sections, divisions, groups and classes;
                       the 2018 strategic emerging industries (codes S1 … S9.x)
  IndustryKeywords.swift  keyword -> codes: the names themselves, product names from
                       the strategic-emerging mapping, and the project's own list
                       scripts/catalog/industry_keywords.tsv

Inputs are facts (names, codes) from ../shared/data; descriptions are not copied.
Usage: python3 scripts/gen_catalog.py [--data ../shared/data] [--check]
  --check: write nothing; exit 1 when a file in the repository is not what would be written
"""
import csv, json, os, re

from swiftgen import finish, HERE, REPO, data_dir, write_swift

HAN = re.compile(r'^[\u3400-\u4dbf\u4e00-\u9fff]+$')
PLACEHOLDERS = {'市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划'}
# Short names that are also ordinary words or names of other things: they count
# only beside their parent's name (the tagger's context rule).
GENERIC_SHORT = {'经开区', '高新区', '开发区', '新区', '城区', '郊区', '矿区', '市中', '市北', '市南'}


def strip_suffix(name):
    for suffix in ('特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '新区', '林区', '特区',
                   '省', '市', '区', '县', '旗', '盟'):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)]
    return None


def regions(data, here):
    rd = os.path.join(data, 'regions')
    short = {}
    with open(os.path.join(rd, 'jionlp_china_location_pcc.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            short.setdefault(row['adcode'], set()).add(row['short_name'])
    rows = []  # (code, level, name, shorts, parent)
    with open(os.path.join(rd, 'provinces.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            code = row['code'] + '0000'
            rows.append((code, 'p', row['name'], short.get(code, set()), ''))
    with open(os.path.join(rd, 'cities.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            if row['name'] in PLACEHOLDERS:
                continue
            code = row['code'] + '00'
            rows.append((code, 'c', row['name'], short.get(code, set()), row['provinceCode'] + '0000'))
    city_codes = {r[0] for r in rows if r[1] == 'c'}
    with open(os.path.join(rd, 'areas.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            parent = row['cityCode'] + '00'
            if parent not in city_codes:
                parent = row['provinceCode'] + '0000'
            rows.append((row['code'], 'd', row['name'], short.get(row['code'], set()), parent))
    # Hong Kong, Macao, Taiwan: the provinces and their districts, with synthetic codes.
    with open(os.path.join(rd, 'HK-MO-TW.json'), encoding='utf-8') as f:
        tree = json.load(f)
    prefixes = {'香港特别行政区': ('81', '香港'), '澳门特别行政区': ('82', '澳门'), '台湾省': ('71', '台湾')}
    for top, children in tree.items():
        key = next((k for k in prefixes if top.startswith(k[:2])), None)
        if key is None:
            continue
        p, s = prefixes[key]
        rows.append((p + '0000', 'p', key, {s}, ''))
        items = children.items() if isinstance(children, dict) else [(c, []) for c in children]
        for i, (name, subs) in enumerate(items, 1):
            ccode = '%s%02d00' % (p, i)
            rows.append((ccode, 'c', name, set(), p + '0000'))
            for j, sub in enumerate(subs if isinstance(subs, list) else list(subs), 1):
                rows.append(('%s%02d%02d' % (p, i, j), 'd', sub, set(), ccode))
    known = {r[2] for r in rows}
    with open(os.path.join(here, 'catalog', 'zones.tsv'), encoding='utf-8') as f:
        n = 0
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            parts = line.rstrip('\n').split('\t')
            n += 1
            if parts[0] in known:
                continue  # already a statistical division (苏州工业园区 has its own code)
            shorts = set(parts[2].split(',')) if len(parts) > 2 and parts[2] else set()
            rows.append(('99%04d' % n, 'z', parts[0], shorts, parts[1]))
    out = []
    for code, level, name, shorts, parent in rows:
        shorts = {s for s in shorts if s and s != name and len(s) >= 2 and HAN.match(s) and s not in GENERIC_SHORT
                  and not (level == 'd' and any(z in name for z in ('开发区', '园区', '示范区')) and not s.endswith(('区', '园')))}
        zone_like = any(z in name for z in ('开发区', '园区', '示范区', '合作区', '试验区', '新区', '管理区', '功能区', '工业区', '农场', '林场', '实验区'))
        if not shorts and level in 'pcd' and not zone_like:
            derived = strip_suffix(name)
            if derived and derived not in GENERIC_SHORT:
                shorts = {derived}
        out.append('\t'.join([code, level, name, ','.join(sorted(shorts)), parent]))
    return out


def industries(data):
    d = os.path.join(data, 'industries')
    out = []
    with open(os.path.join(d, 'gbt4754_2017_tree.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            out.append('\t'.join(['g', row['code'].strip(), row['level'], row['name'].strip(), row['parent_code'].strip()]))
    with open(os.path.join(d, 'strategic_emerging_2018_categories.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            code = 'S' + row['code'].strip()
            parent = 'S' + code[1:].split('.')[0] if '.' in code else ''
            out.append('\t'.join(['s', code, row['level'].strip(), row['name'].strip(), parent]))
    return out


def keywords(data, here, industry_rows):
    kw = {}

    def add(word, code, weight):
        if 2 <= len(word) <= 12:
            kw.setdefault(word, {})
            kw[word][code] = max(kw[word].get(code, 0), weight)
    sei_by_name = {r.split('\t')[3]: r.split('\t')[1] for r in industry_rows if r.startswith('s\t')}
    for r in industry_rows:
        kind, code, level, name, _ = r.split('\t')
        if kind == 'g' and level in ('3', '4'):
            clean = re.sub(r'^其他', '', name)
            clean = re.sub(r'(制造|服务|加工|种植|养殖)$', '', clean) if len(clean) > 4 else clean
            for piece in re.split(r'[、，,和及与（）()]', clean):
                if HAN.match(piece or '') and len(piece) >= 2:
                    add(piece, code, 1)
    with open(os.path.join(data, 'industries', 'strategic_emerging_2018_to_gbt4754.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            path = [p.strip() for p in row['sei_path'].split('>')]
            sei = next((sei_by_name[p] for p in reversed(path[:2]) if p in sei_by_name), None)
            for product in row['sei_products'].split('|'):
                product = re.sub(r'（[^）]*）|\([^)]*\)', '', product).strip()
                if HAN.match(product or '') and 2 <= len(product) <= 8:
                    add(product, row['gbt4754_code'].strip(), 1)
                    if sei:
                        add(product, sei, 1)
    with open(os.path.join(here, 'catalog', 'industry_keywords.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            word, codes, weight = line.rstrip('\n').split('\t')
            if codes == '-':
                kw[word] = {}  # a stop phrase: matched (so its parts are not), names no industry
                continue
            for code in codes.split(','):
                kw.setdefault(word, {})[code.strip()] = int(weight)  # the hand list wins
    return ['%s\t%s' % (w, ','.join('%s:%d' % (c, v) for c, v in sorted(codes.items()))) for w, codes in sorted(kw.items())]


def main():
    data = data_dir()
    out = os.path.join(REPO, 'Sources', 'NewsCatalog', 'Generated')
    os.makedirs(out, exist_ok=True)
    r = regions(data, HERE)
    i = industries(data)
    k = keywords(data, HERE, i)
    header = ['Generated by scripts/gen_catalog.py from ../shared/data and scripts/catalog/.', 'Do not edit; run the script again.']
    for name, doc, lines in (
        ('RegionTable', 'Regions: code, level (p/c/d/z), name, short names, parent code; tab-separated', r),
        ('IndustryTable', 'Industries: kind (g = GB/T 4754, s = strategic emerging), code, level, name, parent', i),
        ('IndustryKeywords', 'Industry keywords: keyword, then code:weight pairs', k),
    ):
        write_swift(os.path.join(out, name + '.swift'), header, name, 'text', '%s (%d lines).' % (doc, len(lines)), lines)
    finish('regions %d, industries %d, keywords %d' % (len(r), len(i), len(k)))


if __name__ == '__main__':
    main()
