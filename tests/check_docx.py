"""Checks a report.docx as Word would read it (python-docx): Word heading styles, a table with a header row that
repeats for every category, at least MIN_CHARTS embedded pictures, East-Asian fonts named in the styles, A4 pages, and
no internal text. Usage: check_docx.py REPORT.docx CATEGORIES MIN_CHARTS. Exit 0 and print "ok", or exit 1 with the
problems; exit 3 when python-docx is not installed."""
import sys

try:
    import docx
    from docx.oxml.ns import qn
except ImportError:
    print("python-docx 未安装（pip install python-docx）")
    sys.exit(3)

path, categories, min_charts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = docx.Document(path)
problems = []

styles = [p.style.name for p in d.paragraphs]
for level in ("Heading 1", "Heading 2"):
    if level not in styles:
        problems.append(f"no paragraph in style {level}")
for name in ("Heading 1", "Heading 2", "Heading 3"):
    style = d.styles[name]
    ppr = style.element.pPr
    if ppr is None or ppr.find(qn("w:outlineLvl")) is None:
        problems.append(f"{name} has no outline level (navigation pane)")

with_header = [t for t in d.tables if t.rows and t.rows[0]._tr.trPr is not None
               and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
if len(with_header) < categories or len(with_header) != len(d.tables):
    problems.append(f"{len(with_header)} of {len(d.tables)} tables repeat a header row; {categories} categories")

pictures = len(d.inline_shapes)
if pictures < min_charts:
    problems.append(f"{pictures} embedded charts, want at least {min_charts}")
captions = [p.text for p in d.paragraphs if p.style.name == "Caption"]
if len(captions) < pictures:
    problems.append(f"{len(captions)} captions for {pictures} charts")

east_asia = set()
for s in d.styles:
    rpr = getattr(s.element, "rPr", None)
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None and fonts.get(qn("w:eastAsia")):
        east_asia.add(fonts.get(qn("w:eastAsia")))
for font in ("仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"):
    if font not in east_asia:
        problems.append(f"East-Asian font {font} not set in any style (have {sorted(east_asia)})")

section = d.sections[0]
if abs(section.page_width.mm - 210) > 1 or abs(section.page_height.mm - 297) > 1:
    problems.append(f"page {section.page_width.mm:.0f}×{section.page_height.mm:.0f} mm is not A4")
if not any("PAGE" in (t.text or "") for f in [section.footer] for p in f.paragraphs
           for t in p._p.iter(qn("w:instrText"))):
    problems.append("no page number in the footer")

text = "\n".join(p.text for p in d.paragraphs)
text += "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
for word in ("seed", "official", "secondary", "mirror", "derived", "history/", "[[", ".toml"):
    if word in text:
        problems.append(f"internal text {word!r} in the document")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("ok")
