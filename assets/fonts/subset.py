#!/usr/bin/env python3
"""Makes chart-cjk.otf, the font the PNG charts fall back to where no system font draws Chinese: Noto Sans CJK SC
Regular (SIL Open Font License 1.1, no reserved font name; Debian package fonts-noto-cjk) cut down to the
characters of GB 2312, printable ASCII and the punctuation and signs the charts use. Needs fonttools.

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb noto
    python3 assets/fonts/subset.py noto/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection


def gb2312():
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


EXTRA = "﹥﹤＞＜≥≤±×÷−–—·•…※▲★△☆○●□■◇◆‰℃ⅠⅡⅢⅣⅤ①②③④⑤〈〉《》「」『』【】〔〕“”‘’"


def main(ttc):
    collection = TTCollection(ttc)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    chars = gb2312() | {chr(c) for c in range(0x20, 0x7F)} | set(EXTRA)
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.name_languages = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes={ord(c) for c in chars})
    subsetter.subset(font)
    out = Path(__file__).with_name("chart-cjk.otf")
    font.save(out)
    print(f"{out}: {len(chars)} characters, {out.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
