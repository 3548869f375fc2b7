"""The words sites use for the pages a crawl wants, in the languages of our users' sites.

Keys are the ``target_pages`` names of the API (plus ``imprint`` and ``careers``); values are
the words and URL slugs used for them in de, fr, es, it, nl, pl, sv, da, no, fi, pt, cs, tr,
ro, hu, ja, ko, zh and English, including those CMSs generate (``ueber-uns``, ``chi-siamo``…).
A Japanese 会社概要 (company profile) page is the imprint: name, address, numbers.
"""

from __future__ import annotations

__all__ = ["PAGE_WORDS"]


def _words(listing: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(word.strip() for word in listing.split(",") if word.strip()))


PAGE_WORDS: dict[str, tuple[str, ...]] = {
    "contact": _words(
        "contact, contacts, contact-us, contactus, get-in-touch, reach-us, kontakt, "
        "kontaktieren, contacto, contactenos, contáctenos, contatti, contatto, contattaci, "
        "contato, fale-conosco, fale conosco, contactez, nous-contacter, nous contacter, "
        "kontakta, kontakta-oss, yhteystiedot, iletisim, iletişim, kapcsolat, contacte, "
        "kontaktai, kontakty, napisz, write-to-us, find-us, location, locations, standort, "
        "anfahrt, sede, visit, branches, our-offices, offices, standorte, niederlassungen, "
        "filialen, agences, sucursales, filiali, sedi, vestigingen, oddzialy, oddziały, "
        "afdelinger, avdelinger, avdelningar, kontorer, toimipisteet, toimipaikat, "
        "お問い合わせ, お問合せ, 問い合わせ, アクセス, 연락처, 문의, 오시는 길, 联系我们, "
        "聯絡我們, 联系方式"
    ),
    "imprint": _words(
        "impressum, imprint, legal-notice, legal notice, legal, mentions-legales, "
        "mentions légales, mentions legales, aviso-legal, aviso legal, note-legali, "
        "note legali, colofon, colophon, disclaimer, nota-legal, informacion-legal, "
        "datos-legales, company-details, company-info, informacje, stopka, om-webbplatsen, "
        "juridisk, kolofon, tiraz, 会社概要, 会社案内, 会社情報, 회사소개, 公司简介"
    ),
    "about": _words(
        "about, about-us, aboutus, who-we-are, company, our-story, ueber-uns, über-uns, "
        "über uns, uber-uns, unternehmen, wir, a-propos, à propos, qui-sommes-nous, "
        "qui sommes nous, sobre, sobre-nosotros, quienes-somos, quiénes somos, nosotros, "
        "empresa, chi-siamo, chi siamo, azienda, over-ons, over ons, wie-zijn-wij, o-nas, "
        "o nas, o-firmie, firma, om-oss, om oss, om-os, quem-somos, quem somos, sobre-nos, "
        "sobre nós, hakkimizda, rolunk, meista, despre-noi"
    ),
    "team": _words(
        "team, our-team, people, staff, leadership, management, founders, equipe, équipe, "
        "l-equipe, mitarbeiter, ansprechpartner, das-team, unser-team, equipo, nuestro-equipo, "
        "squadra, il-team, medewerkers, ons-team, zespol, zespół, personal, medarbetare, "
        "vart-team, ansatte, henkilosto, equipa, a-nossa-equipa, nosso-time"
    ),
    "news": _words(
        "news, press, presse, media, newsroom, aktuelles, neuigkeiten, actualites, actualités, "
        "noticias, notizie, nieuws, aktualnosci, aktualności, nyheter, noticias, novidades, "
        "prensa, stampa, pers"
    ),
    "blog": _words("blog, journal, magazin, magazine, articles, insights, stories"),
    "careers": _words("careers, jobs, karriere, stellenangebote, emploi, empleo, lavora"),
}
