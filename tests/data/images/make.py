#!/usr/bin/env python3
"""Writes the test images of tests/data/images/ (all data fake and generated).

Run once with Pillow (pip install pillow) and DejaVu fonts; the images are committed, so
neither is needed to run the tests. Fake patients, identifiers consistent with their names
and birth dates: Emilie Cote 1987-03-12 (F) COTE 8753 1210; Gaston Tremblay 1954-01-01
TREG 5401 0114.
"""
import io
import os
import random

from PIL import Image, ImageDraw, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def screenshot(lines, size=(1100, 360), font_size=16):
    """An EMR screen capture: a title bar and form lines, at screen resolution."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0], 34], fill=(40, 70, 120))
    title = ImageFont.truetype(FONT, font_size + 2)
    draw.text((12, 7), lines[0], font=title, fill="white")
    font = ImageFont.truetype(FONT, font_size)
    y = 52
    for line in lines[1:]:
        draw.text((16, y), line, font=font, fill=(20, 20, 20))
        y += font_size + 14
    return image


def scan(lines, size=(1240, 1754), noise=40000):
    """A letter scanned at 150 dpi: grey paper, noise, a slight tilt."""
    random.seed(7)
    page = Image.new("L", size, 235)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(SERIF, 30)
    y = 160
    for line in lines:
        draw.text((120, y), line, font=font, fill=25)
        y += 56
    pixels = page.load()
    for _ in range(noise):
        x, y = random.randrange(size[0]), random.randrange(size[1])
        pixels[x, y] = random.choice((120, 180, 250))
    return page.rotate(0.8, fillcolor=235, expand=False)


def save(image, name, **options):
    image.save(os.path.join(HERE, name), **options)


DOSSIER = [
    "Dossier patient - CIUSSS de l'Estrie (poste 12)",
    "Nom : Cote, Emilie        Date de naissance : 1987-03-12",
    "NAM : COTE 8753 1210      Sexe : F",
    "Diagnostic : diabete de type 2, suivi en endocrinologie",
    "Medication : metformine 500 mg deux fois par jour",
]
REFERRAL = [
    "Demande de consultation en cardiologie",
    "",
    "Patient : Gaston Tremblay",
    "Date de naissance : 1954-01-01",
    "NAM : TREG 5401 0114",
    "Motif : douleur thoracique a l'effort, ECG anormal.",
    "Merci de voir ce patient rapidement.",
    "",
    "Dre Sophie Gagnon, omnipraticienne",
]
SCHEDULE = [
    "Horaire de la clinique - semaine du 7 decembre",
    "Lundi 8 h a 16 h : Dre Gagnon, Dr Belanger",
    "Mardi : reunion d'equipe, salle B-2104, 12 h",
    "Facture no 4521 8890 1234 - fournitures de bureau",
    "Stationnement : vignettes 2027 disponibles a l'accueil",
]

if __name__ == "__main__":
    dossier = screenshot(DOSSIER)
    save(dossier, "dossier_screenshot.png")
    save(dossier, "dossier_screenshot.gif")
    save(dossier.convert("L"), "dossier_screenshot.bmp")
    save(dossier, "dossier_screenshot.webp", lossless=True)
    save(dossier, "dossier_screenshot.tiff", compression="tiff_lzw")
    save(screenshot(SCHEDULE), "horaire_screenshot.png")
    # The scan is stored on its side with an EXIF orientation (6: rotate 90 degrees
    # clockwise to view), as phones and some scanners write it.
    letter = scan(REFERRAL)
    exif = Image.Exif()
    exif[0x0112] = 6
    save(letter.rotate(90, expand=True), "referral_scan.jpg", quality=70, exif=exif)
    # A signature logo: too small to hold a readable identifier.
    logo = Image.new("RGB", (48, 48), (40, 70, 120))
    save(logo, "logo.png")
    # Scanned PDFs with no text: a grey scan (JPEG in the PDF) and a black-and-white
    # fax (CCITT Group 4 in the PDF), the patient on the second page.
    scan(REFERRAL, noise=0).save(os.path.join(HERE, "referral_scan.pdf"), resolution=150)
    scan(SCHEDULE, noise=0).save(os.path.join(HERE, "horaire_scan.pdf"), resolution=150)
    # A two-page fax: a cover sheet, then the patient's page.
    cover = scan(["TELECOPIE", "", "A : Clinique externe", "Pages : 2"], noise=0)
    second = scan(REFERRAL, noise=0)
    def bilevel(page):
        return page.point(lambda v: 255 if v > 128 else 0).convert("1")

    bilevel(cover).save(
        os.path.join(HERE, "fax_two_pages.tiff"),
        compression="group4",
        save_all=True,
        append_images=[bilevel(second)],
    )
    # A one-page fax in CCITT Group 3 (T.4), which the image crate does not decode.
    bilevel(second).save(
        os.path.join(HERE, "fax_one_page_g3.tiff"),
        compression="group3",
        dpi=(204, 196),
    )
    # The same page at the top of a sheet scanned at 600 dpi, in Group 3: too many pixels
    # for Tesseract to be handed the file whole.
    sheet = Image.new("L", (5100, 6600), 255)
    sheet.paste(second, (0, 0))
    bilevel(sheet).save(
        os.path.join(HERE, "fax_oversized_g3.tiff"),
        compression="group3",
        dpi=(600, 600),
    )
    bilevel(cover).save(
        os.path.join(HERE, "fax_scan.pdf"),
        save_all=True,
        append_images=[bilevel(second)],
        resolution=150,
    )
