#!/usr/bin/env python3
"""Builds the sample study's Word transcripts: scripts/sample-docx/NAME.txt -> data/sample/interviews/NAME.docx.

One paragraph per source line, lines starting with '|' as table rows; a leading speaker label ("Enquêteur :", "P06 :") is set in bold,
as transcribers do in Word. The archives are byte-for-byte reproducible (fixed timestamps, order
and attributes), so regenerating them never changes a committed file.
Usage: python3 scripts/make-sample-docx.py
"""
import pathlib
import re
import zipfile
from xml.sax.saxutils import escape

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent / "data" / "sample"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>
"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>
"""
LABEL = re.compile(r"^([A-ZÉ][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}\s?:\s)")


def run(text, bold=False):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(line):
    m = LABEL.match(line)
    if m:
        return f"<w:p>{run(m.group(1), bold=True)}{run(line[m.end():])}</w:p>"
    return f"<w:p>{run(line)}</w:p>"


def table(rows):
    """Lines starting with '|' are table rows; each cell is one paragraph, as Word writes them."""
    out = "<w:tbl>"
    for row in rows:
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        out += "<w:tr>" + "".join(f"<w:tc><w:p>{run(c)}</w:p></w:tc>" for c in cells) + "</w:tr>"
    return out + "</w:tbl>"


def document(lines):
    body, rows = "", []
    for line in lines:
        if line.startswith("|"):
            rows.append(line)
            continue
        if rows:
            body += table(rows)
            rows = []
        body += paragraph(line)
    if rows:
        body += table(rows)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body></w:document>\n')


def write_docx(src, dst):
    lines = src.read_text(encoding="utf-8").splitlines()
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
             ("word/document.xml", document(lines))]
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data.encode("utf-8"))


def main():
    for src in sorted((HERE / "sample-docx").glob("*.txt")):
        dst = ROOT / "interviews" / (src.stem + ".docx")
        write_docx(src, dst)
        print(f"wrote {dst.relative_to(ROOT.parent.parent)}")


if __name__ == "__main__":
    main()
