#!/usr/bin/env python3
"""The search page in a real browser: headless Chromium (Debian's `chromium`) driven by
Playwright for Python. Indexes the sample corpus plus one hostile article (a headline holding
<script> and "><img onerror=…>) into a temporary folder, starts `news-search serve` on a free
port, then: loads the page, types a query, applies a region filter from the tree, opens an
article, pages, checks the chart and CSV link, checks that the hostile headline shows as text
and ran nothing, and looks at the page at phone width. Writes a screenshot with --screenshot.

Usage: python3 scripts/serve-browser-test.py [--bin DIR] [--screenshot docs/serve-page.png]
Exit: 0 passed, 1 a check failed, 77 Chromium or Playwright is missing (the caller skips).
"""
import argparse, json, os, re, shutil, subprocess, sys, tempfile, time, urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOSTILE = '<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">佛山新能源汽车'


def fail(message):
    print('serve-browser-test: FAILED: ' + message)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', default=os.path.join(REPO, '.build', 'debug'))
    ap.add_argument('--screenshot')
    args = ap.parse_args()
    chromium = shutil.which('chromium') or '/usr/bin/chromium'
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print('serve-browser-test: skipped: Playwright for Python is not installed (pip install playwright)')
        return 77
    if not os.path.exists(chromium):
        print('serve-browser-test: skipped: chromium is not installed (apt-get install chromium)')
        return 77
    work = tempfile.mkdtemp(prefix='serve-browser-')
    index = os.path.join(work, 'index')
    server = None
    try:
        subprocess.run([os.path.join(args.bin, 'news-index'), '--quiet', '--index', index, os.path.join(REPO, 'corpus')], check=True, stdout=subprocess.DEVNULL)
        record = {'id': 'hostile-1', 'title': HOSTILE, 'body': '佛山市新能源汽车零部件项目投产，<b>正文</b>里的标签也是文字。', 'date': '2025-05-05', 'source': '<i>测试</i>'}
        subprocess.run([os.path.join(args.bin, 'news-index'), '--quiet', '--index', index, '-'], input=json.dumps(record, ensure_ascii=False).encode(), check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen([os.path.join(args.bin, 'news-search'), 'serve', '--index', index, '--port', '0'], stdout=subprocess.PIPE, text=True)
        line = server.stdout.readline()
        m = re.search(r' at (http://\S+)$', line.strip())
        if not m:
            fail('the server printed no address: %r' % line)
        base = m.group(1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=['--no-sandbox'])
            # bypass_csp: the checks' own scripts need eval; it also makes the escaping checks stricter
            # (markup must stay text even without the page's Content-Security-Policy).
            page = browser.new_page(viewport={'width': 1200, 'height': 900}, locale='zh-CN', bypass_csp=True)
            errors = []
            page.on('pageerror', lambda e: errors.append(str(e)))
            page.goto(base + '/')
            page.wait_for_selector('#regions li')
            # Type a query.
            page.fill('#q', '新能源汽车')
            page.click('#search button[type=submit]')
            page.wait_for_selector('#results li')
            status = page.text_content('#status')
            if not re.search(r'articles hold the whole query', status or ''):
                fail('no total after the query: %r' % status)
            if page.locator('#results li mark').count() == 0:
                fail('no highlighted match in the results')
            # Apply a region filter from the tree: 广东省.
            page.click('#regions a[data-code="440000"]')
            page.wait_for_function("document.querySelector('#chosen').textContent.includes('广东省')")
            page.wait_for_function("document.querySelector('#status').textContent.includes('hold the whole query')")
            metas = page.locator('#results li .meta').all_text_contents()
            if not metas or not all('广东' in m for m in metas if '·' in m):
                fail('results outside 广东 after the region filter: %r' % metas)
            # The chart of counts over time and by region, with CSV links.
            page.wait_for_selector('#chart-time svg circle')
            page.wait_for_selector('#chart-dimension svg rect')
            csv = page.get_attribute('#csv-time', 'href')
            with urllib.request.urlopen(base + csv) as r:
                body = r.read().decode()
            if not body.startswith('month,count\n'):
                fail('the CSV download is not a table of counts: %r' % body[:80])
            if args.screenshot:
                page.evaluate('window.scrollTo(0, 0)')
                page.screenshot(path=args.screenshot, full_page=False)
            # The hostile headline is text, and nothing in it ran.
            hostile = page.locator('#results a[data-id="hostile-1"]')
            if hostile.count() != 1:
                fail('the article with markup in its headline is not among the results')
            if '<script>' not in hostile.text_content() or page.locator('#results img').count() != 0:
                fail('markup in a headline was not shown as text')
            # Open an article.
            hostile.click()
            page.wait_for_selector('#article:not([hidden]) .body')
            if '<b>正文</b>' not in page.text_content('#article .body') or '<script>' not in page.text_content('#article h2'):
                fail('the article view does not show the body and headline as text')
            if page.evaluate('window.__pwned') is not None:
                fail('markup in an article ran')
            # Paging: the query alone has more than one page in the sample corpus.
            page.click('#chosen button')
            page.wait_for_function("!document.querySelector('#next').disabled")
            first = page.locator('#results li h3').first.text_content()
            page.click('#next')
            page.wait_for_function("document.querySelector('#status').textContent.startsWith('Results 11')")
            if page.locator('#results li h3').first.text_content() == first:
                fail('the second page shows the first page again')
            # A bad region shows the service's message.
            page.fill('#from', '2024-13')
            page.click('#search button[type=submit]')
            page.wait_for_function("document.querySelector('#status').textContent.includes('bad date')")
            # Phone width: no horizontal scrolling.
            phone = browser.new_page(viewport={'width': 375, 'height': 740}, bypass_csp=True)
            phone.goto(base + '/')
            phone.fill('#q', '新能源汽车')
            phone.click('#search button[type=submit]')
            phone.wait_for_selector('#results li')
            wide = phone.evaluate('document.documentElement.scrollWidth')
            if wide > 380:
                fail('the page is %d px wide at a phone width of 375 px' % wide)
            if errors:
                fail('script errors: %r' % errors)
            browser.close()
        print('serve-browser-test: passed (load, query, region filter, charts, CSV, article, paging, error, phone width, escaping)')
        return 0
    finally:
        if server:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    sys.exit(main())
