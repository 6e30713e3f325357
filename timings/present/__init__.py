"""What a page shows, and nothing else: a `Result` in, Markdown or SVG out. No file, cache, process or
measurement happens here (`timings.cache` keeps the drawn charts).

    texts.py   every caption, note and column header, in both languages (the one place for UI strings)
    labels.py  a column's header for a table (built-in column or a benchmark's metric)
    render.py  the table, caption, title and reading a marker becomes; the footer line; `make bench`
    chart.py   the SVG bar chart
"""
