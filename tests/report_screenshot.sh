#!/usr/bin/env bash
# Screenshot check of the HTML report: generates the mid-term report from the test fixture, opens report.html in
# headless Chromium (no network) and writes two screenshots to look at:
#   report-top.png     the report as it opens: title, summary table, the overview chart with Chinese labels;
#   report-charts.png  the same file with everything but the figures hidden: the lagging indicators' charts.
# It fails when Chromium or a CJK font is missing (the browser would draw boxes), or when a screenshot is blank.
#
# Usage: tests/report_screenshot.sh [OUTPUT_DIR]    (needs: chromium, fonts-noto-cjk or fonts-wqy-microhei)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-$(mktemp -d)}"
mkdir -p "$out"

browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
done
[ -n "$browser" ] || { echo "需要 Chromium：apt-get install chromium" >&2; exit 1; }
fc-list :lang=zh family 2>/dev/null | grep -q . || {
  echo "系统中没有中文字体，浏览器会把中文画成方框：apt-get install fonts-noto-cjk" >&2
  exit 1
}

cargo build --quiet
report="$out/report"
rm -rf "$report"
./target/debug/planwatch --data tests/fixtures/report report --kind midterm --as-of 2028 --out "$report" >/dev/null

# The same document, showing only its figures (the screenshot can then reach the charts further down).
sed 's#</head>#<style>main > :not(figure) { display: none; }</style></head>#' \
  "$report/report.html" >"$report/charts-only.html"

shoot() {
  local page="$1" png="$2" profile
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$png" --window-size=1200,2000 \
    "file://$page" >/dev/null 2>&1
  rm -rf "$profile"
  # A PNG, and not a blank page: a rendered report compresses to far more than a white screen (~10 kB).
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || { echo "$png 不是 PNG" >&2; exit 1; }
  local size
  size=$(wc -c <"$png")
  [ "$size" -gt 100000 ] || { echo "$png 几乎是空白（$size 字节）" >&2; exit 1; }
}

shoot "$report/report.html" "$out/report-top.png"
shoot "$report/charts-only.html" "$out/report-charts.png"
echo "截图：$out/report-top.png  $out/report-charts.png（请查看图中的中文标题、图例与坐标）"
