"""Released images and PDFs carry pixels only: no EXIF/GPS, XMP, PNG text or PDF Info."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from sestry.redaction.metadata import metadata_findings, save_pdf, save_png, strip_image, strip_pdf

XMP = (
    b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
    b"<dc:creator>Canary Author</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)


def _exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x013B] = "Canary Artist"  # Artist
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (47.0, 50.0, 12.0)
    gps[3] = "E"
    gps[4] = (35.0, 8.0, 30.0)
    return exif


def _jpeg_with_metadata(path: Path) -> Path:
    image = Image.new("RGB", (120, 80), "white")
    image.save(path, format="JPEG", exif=_exif_with_gps(), xmp=XMP)
    return path


def test_planted_jpeg_metadata_is_really_there(tmp_path: Path) -> None:
    path = _jpeg_with_metadata(tmp_path / "scan.jpg")
    with Image.open(path) as image:
        assert image.getexif().get_ifd(0x8825)  # GPS present before stripping
    data = path.read_bytes()
    assert b"Canary Artist" in data
    assert b"x:xmpmeta" in data


def test_strip_image_removes_exif_gps_and_xmp(tmp_path: Path) -> None:
    src = _jpeg_with_metadata(tmp_path / "scan.jpg")
    out = strip_image(src, tmp_path / "clean.png")
    data = out.read_bytes()
    assert b"Canary" not in data
    assert b"xmpmeta" not in data
    assert metadata_findings(out) == []
    with Image.open(out) as image:
        assert not image.getexif()
        assert "exif" not in image.info
        assert "xmp" not in image.info
        assert image.size == (120, 80)


def test_png_text_and_xmp_chunks_are_found_then_stripped(tmp_path: Path) -> None:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Canary Author")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    src = tmp_path / "page.png"
    Image.new("L", (50, 40), 255).save(src, pnginfo=info, exif=_exif_with_gps())
    assert "xmp" in metadata_findings(src)
    assert any(f.startswith("png:") for f in metadata_findings(src))
    out = strip_image(src, tmp_path / "clean.png")
    assert metadata_findings(out) == []
    assert b"Canary" not in out.read_bytes()


def test_strip_pdf_removes_author_and_info(tmp_path: Path) -> None:
    src = tmp_path / "doc.pdf"
    pages = [Image.new("RGB", (200, 100), "white"), Image.new("RGB", (200, 100), "gray")]
    pages[0].save(
        src, save_all=True, append_images=pages[1:], author="Canary Author", title="Canary"
    )
    assert "pdf:Author" in metadata_findings(src)
    out = strip_pdf(src, tmp_path / "clean.pdf")
    assert b"Canary" not in out.read_bytes()
    assert metadata_findings(out) == []
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(out))
    try:
        assert len(document) == 2
        assert not any(document.get_metadata_dict().values())
    finally:
        document.close()


def test_save_png_and_pdf_write_clean_0600_files(tmp_path: Path) -> None:
    image = Image.new("RGB", (64, 64), "white")
    image.info["comment"] = "Canary"
    png = save_png(image, tmp_path / "out" / "page-0001.png")
    pdf = save_pdf([image, image], tmp_path / "out" / "doc.pdf")
    for path in (png, pdf):
        assert metadata_findings(path) == []
        assert path.stat().st_mode & 0o777 == 0o600
        assert b"Canary" not in path.read_bytes()


def test_unknown_format_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"GIF89a....")
    assert metadata_findings(path) == ["unknown_format"]


def test_save_pdf_refuses_no_pages(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one page"):
        save_pdf([], tmp_path / "x.pdf")
