#!/usr/bin/env bash
# OCR timing (issue 12): one screenshot, one scanned page, a message with ten distinct
# screenshots and one with ten copies of one (read once), judged by `sentinelle check` for a gmail.com recipient (the SMTP path's
# decision). Prints wall time and peak memory (RSS of Sentinelle plus its largest Tesseract
# child is not summed: /usr/bin/time reports the parent's own peak). Needs Tesseract.
#   bash benches/ocr.sh [path/to/sentinelle]   (default: target/release/sentinelle)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/sentinelle}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import base64, sys
d = sys.argv[1]
def message(name, files, distinct=False):
    # Ten distinct screenshots: each copy gets a different trailer after the PNG's end (the
    # pixels are the same, the bytes are not), so none is a copy read once.
    data = lambda i, f: open(f, "rb").read() + (f"copy {i}".encode() if distinct else b"")
    parts = "".join(
        "--s\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: attachment; filename=\"{i}\"\r\n\r\n"
        + base64.encodebytes(data(i, f)).decode().replace("\n", "\r\n")
        for i, f in enumerate(files))
    open(f"{d}/{name}.eml", "w").write(
        "From: dre.gagnon@ssss.gouv.qc.ca\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"s\"\r\n\r\n--s\r\nContent-Type: text/plain\r\n\r\nVoir.\r\n"
        + parts + "--s--\r\n")
img = "tests/data/images"
message("one_screenshot", [f"{img}/horaire_screenshot.png"])
message("one_scanned_page", [f"{img}/referral_scan.jpg"])
message("ten_screenshots", [f"{img}/horaire_screenshot.png"] * 10, distinct=True)
message("ten_copies_of_one", [f"{img}/horaire_screenshot.png"] * 10)
PY
for name in one_screenshot one_scanned_page ten_screenshots ten_copies_of_one; do
  for run in 1 2 3; do
    /usr/bin/time -f "$name run $run: %e s, peak RSS %M KB" \
      "$bin" check --from dre.gagnon@ssss.gouv.qc.ca --to x@gmail.com "$dir/$name.eml" >/dev/null || true
  done
done
