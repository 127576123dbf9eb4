"""The registry of sources of law a citation can name: one entry per source, in display order.

An entry holds everything the rest of the generator knows about a source: its official name and
the other names guidance writes for it, the grammar of its numbers, how its citations are shown,
where its official text is, and the label of its group of statute pages. Adding a source is
adding an entry here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["SOURCES", "Names", "Source", "url_pattern"]

CA_SECTION = r"[0-9]+(?:\.[0-9]+)?"
"""A California section number: ``52072``, ``52064.5``."""

LEGINFO = (
    "https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml"
    "?lawCode={code}&sectionNum={section}."
)
"""One address shape for all 29 California codes; the period after the number is leginfo's."""

USCODE = (
    "https://uscode.house.gov/view.xhtml"
    "?req=granuleid:USC-prelim-title{title}-section{section}&num=0&edition=prelim"
)
ECFR_SECTION = "https://www.ecfr.gov/current/title-{title}/section-{section}"
ECFR_PART = "https://www.ecfr.gov/current/title-{title}/part-{section}"


@dataclass(frozen=True)
class Names:
    """How guidance in another language names a source: on its pages, and in its prose.

    The short form (``EC 52072``, ``Gov. Code § 11135``) is the citation itself and is kept in
    every language, as Spanish-language California guidance keeps it."""

    name: str
    """The name in that language, which also labels its group of statute pages."""
    long: str
    """``{title}`` and ``{section}`` as ``Source.long``; a subdivision follows its word."""
    forms: tuple[str, ...] = ()
    """Other names writers use in that language, read in prose and lists like the English."""
    publisher: str | None = None
    """The publisher of the official text, as a sentence in that language names it."""
    subdivision_word: str | None = None
    part_long: str = ""


@dataclass(frozen=True)
class Source:
    """One source of law and the ways guidance writes its citations.

    ``short`` and ``long`` are how the site shows a citation (``{title}``, ``{section}``); both
    read back as the same citation. A titled source numbers its sections within titles and is
    cited title first (``20 U.S.C. § 6311``). ``abbreviations`` are bare capitals (``GC``), also
    with periods; in prose they count only before a section sign or word (``GC § 11135``),
    because two or three capitals and a number are often something else (``PC 12 years``),
    unless ``abbreviations_alone``, kept for the one the shipped guidance writes without
    (``EC 52072``), which is also read in lower case.
    """

    key: str
    name: str
    short: str
    long: str
    slug: str
    forms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    abbreviations_alone: bool = False
    californian: bool = True
    """Whether ``Cal.`` or ``California`` may come before its name (``Cal. Gov. Code``)."""
    titles: tuple[int, int] | None = None
    """The first and last title of a titled source."""
    section: str = CA_SECTION
    part: str | None = None
    """The grammar of a part number, for a source whose parts are cited whole."""
    part_short: str = ""
    part_long: str = ""
    url: str | None = LEGINFO
    """The address of a section's official text, or None where there is no stable one."""
    part_url: str | None = None
    publisher: str | None = "California Legislature"
    subdivision_word: str | None = "subdivision"
    """The word the long form puts before a subdivision; None to attach it to the number."""
    example: str = ""
    languages: tuple[tuple[str, Names], ...] = ()
    """Its names in other languages than English, by language tag."""
    text_language: str = "en"
    """The language of its official text."""

    @property
    def titled(self) -> bool:
        return self.titles is not None

    @property
    def group(self) -> str:
        """The label of its group of statute pages."""
        return self.name

    @property
    def written_names(self) -> tuple[str, ...]:
        """Every name it is read by, in every language."""
        others = (form for _, names in self.languages for form in (names.name, *names.forms))
        return tuple(dict.fromkeys((self.name, *self.forms, *others)))

    def names_in(self, language: str) -> Names | None:
        return dict(self.languages).get(language)

    def name_in(self, language: str) -> str:
        """Its name in ``language``; the official (English) name where it has none."""
        names = self.names_in(language)
        return names.name if names is not None else self.name

    def group_in(self, language: str) -> str:
        return self.name_in(language)

    def publisher_in(self, language: str) -> str | None:
        names = self.names_in(language)
        if names is not None and names.publisher is not None:
            return names.publisher
        return self.publisher


LEGISLATURE_ES = "la Legislatura de California"


def _spanish(name: str, *forms: str) -> tuple[tuple[str, Names], ...]:
    """A California code's Spanish name (``Código de Educación``), its abbreviated forms
    (``Cód. Educ.``), and the name with ``de California`` after it, as Spanish guidance writes."""
    return (
        (
            "es",
            Names(
                name=name,
                long=f"{name}, sección {{section}}",
                forms=(*forms, f"{name} de California"),
                publisher=LEGISLATURE_ES,
                subdivision_word="subdivisión",
            ),
        ),
    )


def _california(
    key: str,
    name: str,
    short: str,
    forms: tuple[str, ...] = (),
    abbreviations: tuple[str, ...] = (),
    languages: tuple[tuple[str, Names], ...] = (),
) -> Source:
    """A California code: its leginfo key, official name and California Style Manual form."""
    return Source(
        key=key,
        name=name,
        short=f"{short} § {{section}}",
        long=f"{name} section {{section}}",
        slug=key.lower(),
        forms=(short, *forms),
        # The leginfo key (GOV, WIC) is a bare abbreviation too, as the Legislature writes it.
        abbreviations=tuple(dict.fromkeys((*abbreviations, key))),
        example=f"{short} § 100",
        languages=languages,
    )


_CODES = (
    _california(
        "BPC",
        "Business and Professions Code",
        "Bus. & Prof. Code",
        ("B&P Code", "B. & P. Code"),
        ("BPC",),
        _spanish("Código de Negocios y Profesiones", "Cód. Neg. y Prof."),
    ),
    _california(
        "CIV", "Civil Code", "Civ. Code", (), ("CC",), _spanish("Código Civil", "Cód. Civ.")
    ),
    _california(
        "CCP",
        "Code of Civil Procedure",
        "Code Civ. Proc.",
        ("Civ. Proc. Code",),
        ("CCP",),
        _spanish("Código de Procedimiento Civil", "Cód. Proc. Civ."),
    ),
    _california("COM", "Commercial Code", "Com. Code", languages=_spanish("Código Comercial")),
    _california(
        "CORP", "Corporations Code", "Corp. Code", languages=_spanish("Código de Corporaciones")
    ),
    Source(
        key="EDC",
        name="Education Code",
        short="EC {section}",
        long="Education Code section {section}",
        slug="ec",
        forms=("Ed. Code", "Educ. Code"),
        abbreviations=("EC", "EDC"),
        abbreviations_alone=True,
        example="EC 52072(a)",
        languages=_spanish("Código de Educación", "Cód. Educ.", "Cód. de Educ."),
    ),
    _california("ELEC", "Elections Code", "Elec. Code", languages=_spanish("Código Electoral")),
    _california("EVID", "Evidence Code", "Evid. Code", languages=_spanish("Código de Pruebas")),
    _california(
        "FAM", "Family Code", "Fam. Code", (), ("FC",), _spanish("Código de Familia", "Cód. Fam.")
    ),
    _california("FIN", "Financial Code", "Fin. Code", languages=_spanish("Código Financiero")),
    _california(
        "FGC",
        "Fish and Game Code",
        "Fish & G. Code",
        ("Fish & Game Code", "F&G Code"),
        languages=_spanish("Código de Pesca y Caza"),
    ),
    _california(
        "FAC",
        "Food and Agricultural Code",
        "Food & Agr. Code",
        ("Food & Agric. Code",),
        languages=_spanish("Código de Alimentos y Agricultura"),
    ),
    _california(
        "GOV",
        "Government Code",
        "Gov. Code",
        ("Gov't Code", "Govt. Code"),
        ("GC",),
        _spanish("Código de Gobierno", "Cód. Gob."),
    ),
    _california(
        "HNC",
        "Harbors and Navigation Code",
        "Harb. & Nav. Code",
        languages=_spanish("Código de Puertos y Navegación"),
    ),
    _california(
        "HSC",
        "Health and Safety Code",
        "Health & Saf. Code",
        ("Health & Safety Code", "H&S Code", "H. & S. Code"),
        languages=_spanish("Código de Salud y Seguridad", "Cód. Salud y Seg."),
    ),
    _california("INS", "Insurance Code", "Ins. Code", languages=_spanish("Código de Seguros")),
    _california(
        "LAB", "Labor Code", "Lab. Code", (), ("LC",), _spanish("Código Laboral", "Cód. Lab.")
    ),
    _california(
        "MVC",
        "Military and Veterans Code",
        "Mil. & Vet. Code",
        ("M&V Code",),
        languages=_spanish("Código Militar y de Veteranos"),
    ),
    _california(
        "PEN", "Penal Code", "Pen. Code", (), ("PC",), _spanish("Código Penal", "Cód. Pen.")
    ),
    _california("PROB", "Probate Code", "Prob. Code", languages=_spanish("Código Testamentario")),
    _california(
        "PCC",
        "Public Contract Code",
        "Pub. Contract Code",
        ("Pub. Cont. Code",),
        languages=_spanish("Código de Contratos Públicos"),
    ),
    _california(
        "PRC",
        "Public Resources Code",
        "Pub. Resources Code",
        ("Pub. Res. Code",),
        languages=_spanish("Código de Recursos Públicos"),
    ),
    _california(
        "PUC",
        "Public Utilities Code",
        "Pub. Util. Code",
        ("Pub. Utils. Code",),
        languages=_spanish("Código de Servicios Públicos"),
    ),
    _california(
        "RTC",
        "Revenue and Taxation Code",
        "Rev. & Tax. Code",
        ("R&T Code", "R. & T. Code"),
        languages=_spanish("Código de Ingresos e Impuestos"),
    ),
    _california(
        "SHC",
        "Streets and Highways Code",
        "Sts. & Hy. Code",
        ("Sts. & High. Code", "S&H Code"),
        languages=_spanish("Código de Calles y Carreteras"),
    ),
    _california(
        "UIC",
        "Unemployment Insurance Code",
        "Unemp. Ins. Code",
        languages=_spanish("Código del Seguro de Desempleo"),
    ),
    _california(
        "VEH",
        "Vehicle Code",
        "Veh. Code",
        (),
        ("VC",),
        _spanish("Código de Vehículos", "Cód. Veh."),
    ),
    _california("WAT", "Water Code", "Wat. Code", languages=_spanish("Código de Aguas")),
    _california(
        "WIC",
        "Welfare and Institutions Code",
        "Welf. & Inst. Code",
        ("W&I Code", "W. & I. Code"),
        languages=_spanish(
            "Código de Bienestar e Instituciones",
            "Código de Bienestar Social e Instituciones",
            "Cód. Bienestar e Inst.",
        ),
    ),
)

_REGULATIONS = Source(
    key="CCR",
    name="California Code of Regulations",
    short="Cal. Code Regs., tit. {title}, § {section}",
    long="California Code of Regulations, title {title}, section {section}",
    slug="ccr",
    forms=("Cal. Code Regs.", "Cal. Code of Regs.", "Cal. Code Reg."),
    abbreviations=("CCR",),
    californian=False,
    titles=(1, 28),
    # The regulations have no stable official address for a section: a statute entry gives it.
    url=None,
    publisher=None,
    example="Cal. Code Regs., tit. 5, § 15497",
    languages=(
        (
            "es",
            Names(
                name="Código de Regulaciones de California",
                long="Código de Regulaciones de California, título {title}, sección {section}",
                subdivision_word="subdivisión",
            ),
        ),
    ),
)

_US_CODE = Source(
    key="USC",
    name="United States Code",
    short="{title} U.S.C. § {section}",
    long="title {title}, United States Code, section {section}",
    slug="usc",
    forms=("U.S. Code",),
    abbreviations=("USC",),
    californian=False,
    titles=(1, 54),
    section=r"[0-9]+(?:[a-z]+(?:-[0-9]+[a-z]*)*)?",
    url=USCODE,
    publisher="Office of the Law Revision Counsel",
    subdivision_word=None,
    example="20 U.S.C. § 6311(d)",
    languages=(
        (
            "es",
            Names(
                name="Código de los Estados Unidos",
                long="título {title} del Código de los Estados Unidos, sección {section}",
                publisher="la Office of the Law Revision Counsel",
            ),
        ),
    ),
)

_CFR = Source(
    key="CFR",
    name="Code of Federal Regulations",
    short="{title} C.F.R. § {section}",
    long="title {title}, Code of Federal Regulations, section {section}",
    slug="cfr",
    abbreviations=("CFR",),
    californian=False,
    titles=(1, 50),
    section=r"[0-9]+\.[0-9]+[a-z]*(?:-[0-9]+[a-z]*)?",
    part=r"[0-9]+",
    part_short="{title} C.F.R. part {section}",
    part_long="title {title}, Code of Federal Regulations, part {section}",
    url=ECFR_SECTION,
    part_url=ECFR_PART,
    publisher="Office of the Federal Register",
    subdivision_word=None,
    example="34 C.F.R. § 200.19",
    languages=(
        (
            "es",
            Names(
                name="Código de Reglamentos Federales",
                long="título {title} del Código de Reglamentos Federales, sección {section}",
                publisher="la Office of the Federal Register",
                part_long="título {title} del Código de Reglamentos Federales, parte {section}",
            ),
        ),
    ),
)

SOURCES: dict[str, Source] = {
    source.key: source for source in (*_CODES, _REGULATIONS, _US_CODE, _CFR)
}
"""Every source by key, in the order their groups of statute pages are shown: California's
codes, its regulations, then federal statutes and regulations."""


def url_pattern(template: str, source: Source, number: str) -> str:
    """A regular expression for exactly the addresses ``template`` makes for ``source``."""
    out = re.escape(template)
    for name, value in (
        ("code", re.escape(source.key)),
        ("title", r"(?P<title>[1-9][0-9]{0,2})"),
        ("section", rf"(?P<section>{number})"),
    ):
        out = out.replace(re.escape("{" + name + "}"), value)
    return out
