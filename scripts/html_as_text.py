#!/usr/bin/env python3
"""Saves HTML pages as text the way a crawler's "save as text" does: the text of
every element, one block element a line, scripts and styles left out. Used by
scripts/extract.sh to check the text-page extractor on pages it was not tuned
on (../shared/data/eval/html-pages); not part of the product.

  html_as_text.py PAGES_DIR OUT_DIR      (writes OUT_DIR/…/N.html.txt)
"""
import sys, os, html.parser, re
BLOCK = {'p','div','br','li','tr','h1','h2','h3','h4','h5','h6','section','article','header','footer','ul','ol','table','dd','dt','title','blockquote','pre','td','nav','aside','form'}
SKIP = {'script','style','noscript','template','svg','head'}
class P(html.parser.HTMLParser):
    def __init__(s): super().__init__(convert_charrefs=True); s.out=[]; s.skip=0; s.title=False
    def handle_starttag(s,t,a):
        if t in SKIP: s.skip+=1
        if t in BLOCK: s.out.append('\n')
    def handle_endtag(s,t):
        if t in SKIP and s.skip: s.skip-=1
        if t in BLOCK: s.out.append('\n')
    def handle_data(s,d):
        if not s.skip: s.out.append(d)
src, dst = sys.argv[1], sys.argv[2]
for root,_,files in os.walk(src):
    for f in files:
        if not f.endswith('.html'): continue
        raw=open(os.path.join(root,f),'rb').read().decode('utf-8','replace')
        p=P(); p.feed(raw)
        text=''.join(p.out)
        lines=[re.sub(r'[ \t\u00a0]+',' ',l).strip() for l in text.split('\n')]
        text='\n'.join(l for l in lines if l)
        out=os.path.join(dst, os.path.relpath(root,src)); os.makedirs(out,exist_ok=True)
        open(os.path.join(out,f+'.txt'),'w').write(text)
