#!/usr/bin/env python3
"""Writes the legacy Office test files of tests/data/office/ with LibreOffice (all data fake).

Run once with LibreOffice (Debian: libreoffice-writer-nogui, -calc-nogui, -impress-nogui);
the files are committed, so LibreOffice is not needed to run the tests. Fake patient:
Gaston Tremblay, born 1954-01-01 (M), NAM TREG 5401 0114.
"""
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

REFERRAL = """<html><body><p>Demande de consultation en endocrinologie</p>
<p>Patient : Gaston Tremblay, n&eacute; le 1954-01-01</p>
<p>NAM : TREG 5401 0114</p>
<p>Diab&egrave;te de type 2 mal contr&ocirc;l&eacute;, HbA1c 9,1 %. Merci de le voir.</p>
<table border="1"><tr><td>Glyc&eacute;mie</td><td>11,2 mmol/L</td></tr></table></body></html>"""

MEMO = """<html><body><p>Note de service</p>
<p>La r&eacute;union du comit&eacute; de pharmacologie aura lieu mardi &agrave; 13 h, salle B-2104.</p>
<p>Ordre du jour : formulaire, ruptures d'approvisionnement, bilan annuel.</p></body></html>"""

PATIENTS = "Nom;Date de naissance;NAM;Diagnostic\nTremblay, Gaston;1954-01-01;TREG 5401 0114;diabete de type 2\n"
BUDGET = "Poste;Budget 2026;Depense\nGants nitrile;12500;11890\nBlouses;8300;8412\n"

SLIDES = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation><draw:page draw:name="p1">
<draw:frame svg:x="1cm" svg:y="1cm" svg:width="20cm" svg:height="10cm"><draw:text-box>
{paragraphs}
</draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document>"""


def slides(lines):
    return SLIDES.format(paragraphs="".join(f"<text:p>{l}</text:p>" for l in lines))


def convert(source_name, content, target, out_name):
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, source_name)
        with open(source, "w", encoding="utf-8") as f:
            f.write(content)
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", target, "--outdir", tmp, source],
            check=True, capture_output=True)
        produced = os.path.splitext(source)[0] + "." + target.split(":")[0]
        shutil.copy(produced, os.path.join(HERE, out_name))


convert("referral.html", REFERRAL, "doc:MS Word 97", "referral.doc")
convert("memo.html", MEMO, "doc:MS Word 97", "memo.doc")
convert("patients.csv", PATIENTS, "xls:MS Excel 97", "patients.xls")
convert("budget.csv", BUDGET, "xls:MS Excel 97", "budget.xls")
convert("tumour_board.fodp", slides([
    "Comit\u00e9 des tumeurs", "Gaston Tremblay, 72 ans, NAM TREG 5401 0114",
    "Ad\u00e9nocarcinome pulmonaire, stade IIIA"]), "ppt:MS PowerPoint 97", "tumour_board.ppt")
convert("training.fodp", slides([
    "Formation sur l'hygi\u00e8ne des mains", "Les cinq moments de l'OMS",
    "Taux de conformit\u00e9 2025 : 87 %"]), "ppt:MS PowerPoint 97", "training.ppt")
