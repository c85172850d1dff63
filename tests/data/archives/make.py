#!/usr/bin/env python3
"""Writes the 7z test archives of tests/data/archives/ with py7zr (pip install py7zr); all data
fake. The archives are committed, so py7zr is not needed to run the tests. Fake patient:
Gaston Tremblay, born 1954-01-01, NAM TREG 5401 0114."""
import os

import py7zr

HERE = os.path.dirname(os.path.abspath(__file__))
PATIENTS = "Nom,NAM,Diagnostic\nGaston Tremblay,TREG 5401 0114,diabete\n".encode()
STOCK = "Article,Quantite\nGants,400\nBlouses,120\n".encode()

with py7zr.SevenZipFile(os.path.join(HERE, "listes.7z"), "w") as archive:
    archive.writestr(STOCK, "listes/inventaire.csv")
    archive.writestr(PATIENTS, "listes/patients.csv")
with py7zr.SevenZipFile(os.path.join(HERE, "inventaire.7z"), "w") as archive:
    archive.writestr(STOCK, "inventaire.csv")
with py7zr.SevenZipFile(os.path.join(HERE, "protege.7z"), "w", password="secret") as archive:
    archive.writestr(PATIENTS, "patients.csv")
# A bomb: 200 MB of one byte, LZMA2 makes it a few tens of kilobytes.
with py7zr.SevenZipFile(os.path.join(HERE, "bomb.7z"), "w") as archive:
    archive.writestr(b"a" * (200 * 1024 * 1024), "journal.txt")
