"""Hand-written PDFs for tests: just enough structure for a reader to accept."""

from __future__ import annotations

import hashlib
import io
import re
import zlib

# The padding of the PDF standard security handler (ISO 32000-1, 7.6.3.3, algorithm 2).
_PASSWORD_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")
_KEY_BYTES = 16  # 128-bit RC4, revision 3: what Acrobat 5 to 9 wrote
_PERMISSIONS = -3904  # nothing allowed: no printing, copying or changes
_FILE_ID = bytes.fromhex("5f1d0a7e3c9b4e21a8d6f0c2b7e4a913")
_STREAM = re.compile(rb"stream\n(.*)\nendstream", re.DOTALL)


def pdf_from_objects(objects: list[bytes], *, trailer: bytes = b"") -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct cross-reference table.

    ``trailer`` adds entries to the trailer dictionary (``/Encrypt``, ``/ID``).
    """
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream_object(content: bytes, entries: bytes = b"") -> bytes:
    """A stream object holding ``content``, with extra dictionary ``entries``."""
    return b"<< /Length %d %s>>\nstream\n%s\nendstream" % (len(content), entries, content)


def text_page_objects(lines: list[bytes], *, unmapped_glyphs: int = 0) -> list[bytes]:
    """The objects of a one-page PDF in Helvetica, one line of text per item of ``lines``.

    ``unmapped_glyphs`` adds a line in an embedded-style font that gives no letter for its
    glyphs (no /ToUnicode map, Identity encoding): pdfminer writes each as ``(cid:NN)``.
    """
    shown = b" ".join(b"(%s) Tj 0 -16 Td" % line for line in lines)
    glyphs = b"".join(b"%04x" % (36 + n % 40) for n in range(unmapped_glyphs))
    content = b"BT /F1 11 Tf 72 720 Td %s ET BT /F2 11 Tf 72 200 Td <%s> Tj ET" % (shown, glyphs)
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
        stream_object(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /XKCDAB+Calibri /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /XKCDAB+Calibri /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        b"/FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /XKCDAB+Calibri /Flags 32 /FontBBox [0 0 1000 1000] "
        b"/ItalicAngle 0 /Ascent 750 /Descent -250 /CapHeight 700 /StemV 80 >>",
    ]


def encrypted_pdf(objects: list[bytes], *, user_password: bytes, owner_password: bytes) -> bytes:
    """``objects`` as a PDF encrypted by the standard security handler (RC4, 128 bits, R3).

    As Acrobat writes it: every stream is encrypted with a key derived from the passwords.
    An empty ``user_password`` gives a PDF that opens without asking (only changes are
    restricted); any other needs that password to be read at all.
    """
    owner_entry = _owner_entry(user_password, owner_password)
    key = _file_key(user_password, owner_entry)
    user_entry = _user_entry(key)
    encrypted = [
        _encrypt_stream(body, _object_key(key, number))
        for number, body in enumerate(objects, start=1)
    ]
    handler = b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P %d /O <%s> /U <%s> >>" % (
        _PERMISSIONS,
        owner_entry.hex().encode(),
        user_entry.hex().encode(),
    )
    file_id = _FILE_ID.hex().encode()
    return pdf_from_objects(
        [*encrypted, handler],
        trailer=b"/Encrypt %d 0 R /ID [<%s> <%s>] " % (len(objects) + 1, file_id, file_id),
    )


def image_only_pdf() -> bytes:
    """A one-page PDF that is a grey scanned image and nothing else: no text layer."""
    width, height = 64, 80
    pixels = bytes((x * 3 + y) % 256 for y in range(height) for x in range(width))
    image = stream_object(
        zlib.compress(pixels),
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode " % (width, height),
    )
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Scan 5 0 R >> >> >>",
            stream_object(b"q 612 0 0 792 0 0 cm /Scan Do Q"),
            image,
        ]
    )


def _encrypt_stream(body: bytes, key: bytes) -> bytes:
    """``body`` with its stream's data, if it has one, encrypted (RC4 keeps its length)."""
    match = _STREAM.search(body)
    if match is None:
        return body
    return body[: match.start(1)] + _rc4(key, match[1]) + body[match.end(1) :]


def _padded(password: bytes) -> bytes:
    return (password + _PASSWORD_PAD)[:32]


def _owner_entry(user_password: bytes, owner_password: bytes) -> bytes:
    """Algorithm 3: the /O entry."""
    digest = hashlib.md5(_padded(owner_password or user_password)).digest()
    for _ in range(50):
        digest = hashlib.md5(digest).digest()
    return _rc4_rounds(digest[:_KEY_BYTES], _padded(user_password))


def _file_key(user_password: bytes, owner_entry: bytes) -> bytes:
    """Algorithm 2: the file's encryption key."""
    digest = hashlib.md5(
        _padded(user_password)
        + owner_entry
        + (_PERMISSIONS & 0xFFFFFFFF).to_bytes(4, "little")
        + _FILE_ID
    ).digest()
    for _ in range(50):
        digest = hashlib.md5(digest[:_KEY_BYTES]).digest()
    return digest[:_KEY_BYTES]


def _user_entry(key: bytes) -> bytes:
    """Algorithm 5: the /U entry, by which a reader checks a password."""
    check = _rc4_rounds(key, hashlib.md5(_PASSWORD_PAD + _FILE_ID).digest())
    return check + bytes(16)


def _rc4_rounds(key: bytes, data: bytes) -> bytes:
    """RC4 with ``key``, then 19 more times with the key's bytes XORed with 1 to 19."""
    for round_number in range(20):
        data = _rc4(bytes(byte ^ round_number for byte in key), data)
    return data


def _object_key(key: bytes, number: int) -> bytes:
    """Algorithm 1: the key of object ``number`` (generation 0)."""
    salt = number.to_bytes(3, "little") + bytes(2)
    return hashlib.md5(key + salt).digest()[: min(len(key) + 5, 16)]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def two_column_page_objects(left: list[bytes], right: list[bytes]) -> list[bytes]:
    """The objects of a one-page PDF in Helvetica with two side-by-side columns of lines."""

    def column(x: int, lines: list[bytes]) -> bytes:
        shown = b" ".join(b"(%s) Tj 0 -16 Td" % line for line in lines)
        return b"BT /F1 11 Tf %d 720 Td %s ET" % (x, shown)

    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_object(column(72, left) + b" " + column(330, right)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
