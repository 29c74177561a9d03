"""Workbooks that lie about themselves, for the tests of every XLSX import. Each is small on
disk; what it claims (a dimension, rows far apart, a sheet that unpacks to much more) is what
an import must not believe."""

import io
import re
import tracemalloc
import zipfile
from collections.abc import Callable

from openpyxl import Workbook


def workbook(rows, *, title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(content: bytes, change: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML passed through `change`."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def declaring(content: bytes, ref: str) -> bytes:
    """The workbook with `<dimension ref=…>` claiming `ref` (the attack: "A1:XFD2000")."""
    return rewrite_sheet(
        content, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )


def with_rows_at(content: bytes, *lines: int) -> bytes:
    """The workbook with one more cell on each of `lines`, however far down."""
    rows = "".join(
        f'<row r="{line}"><c r="A{line}" t="inlineStr"><is><t>x</t></is></c></row>'
        for line in lines
    )
    return rewrite_sheet(content, lambda xml: xml.replace("</sheetData>", rows + "</sheetData>"))


def wide_rows(content: bytes, count: int, cells: int) -> bytes:
    """The workbook with `count` more rows of `cells` cells without references, which openpyxl
    numbers itself: many cells in little XML, and less once deflated."""
    row = "<row>" + "<c><v>1</v></c>" * cells + "</row>"
    return rewrite_sheet(
        content,
        lambda xml: re.sub(r"<dimension [^>]*/>", "", xml).replace(
            "</sheetData>", row * count + "</sheetData>"
        ),
    )


def peak_memory(read: Callable[[], object]) -> tuple[object, int]:
    """What `read` returns and the most memory Python allocated meanwhile, in bytes."""
    tracemalloc.start()
    try:
        result = read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak
