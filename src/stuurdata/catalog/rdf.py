# SPDX-License-Identifier: EUPL-1.2
"""The catalog as DCAT-AP-DONL 1.1 RDF (rdflib), for harvesting by data.overheid.nl.

Mandatory dataset properties: dct:identifier, dct:title, dct:description, dct:language,
dcat:theme, dct:modified, overheid:authority, dct:publisher, dcat:contactPoint; distributions
carry dcat:accessURL, dct:license, dct:title, dct:description, dct:language and dct:format.
The Woo information category is a ``dct:type`` SKOS concept with its ``infocat`` notation.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, SKOS, XSD

from stuurdata.catalog.catalog import Catalog
from stuurdata.catalog.metadata import DatasetMetadata, Distribution, Organisation
from stuurdata.catalog.vocabularies import FILETYPE, LANGUAGES

ADMS: Final = Namespace("http://www.w3.org/ns/adms#")
VCARD: Final = Namespace("http://www.w3.org/2006/vcard/ns#")
OVERHEID: Final = Namespace("http://standaarden.overheid.nl/owms/terms/")
IANA: Final = "https://www.iana.org/assignments/media-types/"
DISTRIBUTION_COMPLETED: Final = URIRef("http://purl.org/adms/status/Completed")

RdfFormat = Literal["turtle", "xml", "json-ld"]
MEDIA_TYPES: Final[dict[RdfFormat, str]] = {
    "turtle": "text/turtle",
    "xml": "application/rdf+xml",
    "json-ld": "application/ld+json",
}


def _agent(graph: Graph, org: Organisation, base_url: str) -> URIRef:
    node = URIRef(org.uri or f"{base_url}/organisaties/{org.slug}")
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, RdfLiteral(org.name, lang="nl")))
    return node


def _date(value: dt.datetime | dt.date) -> RdfLiteral:
    if isinstance(value, dt.datetime):
        return RdfLiteral(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)
    return RdfLiteral(value.isoformat(), datatype=XSD.date)


def _contact(graph: Graph, record: DatasetMetadata) -> BNode:
    node = BNode()
    contact = record.contact_point
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, VCARD.fn, RdfLiteral(contact.name)))
    if contact.email:
        graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{contact.email}")))
    if contact.phone:
        graph.add((node, VCARD.hasTelephone, RdfLiteral(contact.phone)))
    if contact.url:
        graph.add((node, VCARD.hasURL, URIRef(contact.url)))
    return node


def _distribution(
    graph: Graph, record: DatasetMetadata, dist: Distribution, base_url: str
) -> URIRef:
    url = URIRef(base_url + dist.path)
    node = URIRef(f"{record.page(base_url)}#{dist.kind.ext}")
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    graph.add((node, DCTERMS.title, RdfLiteral(f"{record.title} – {dist.kind.nl}", lang="nl")))
    description = f"{record.title} als {dist.kind.nl}."
    graph.add((node, DCTERMS.description, RdfLiteral(description, lang="nl")))
    if record.license is not None:
        graph.add((node, DCTERMS.license, URIRef(record.license.uri)))
    for language in record.languages:
        graph.add((node, DCTERMS.language, URIRef(language.uri)))
    graph.add((node, DCTERMS.format, URIRef(FILETYPE + dist.kind.filetype)))
    graph.add((node, DCAT.mediaType, URIRef(IANA + dist.kind.media_type)))
    graph.add((node, DCTERMS.modified, _date(record.modified)))
    graph.add((node, ADMS.status, DISTRIBUTION_COMPLETED))
    return node


def add_dataset(graph: Graph, record: DatasetMetadata, base_url: str) -> URIRef:
    """Add ``record`` as a dcat:Dataset to ``graph``; return its node."""
    base_url = base_url.rstrip("/")
    uri = record.uri(base_url)
    node = URIRef(uri)
    add = graph.add
    add((node, RDF.type, DCAT.Dataset))
    add((node, DCTERMS.identifier, RdfLiteral(uri, datatype=XSD.anyURI)))
    add((node, DCTERMS.title, RdfLiteral(record.title, lang="nl")))
    add((node, DCTERMS.description, RdfLiteral(record.description or record.title, lang="nl")))
    for keyword in record.keywords:
        add((node, DCAT.keyword, RdfLiteral(keyword, lang="nl")))
    for language in record.languages:
        add((node, DCTERMS.language, URIRef(language.uri)))
    if record.theme is not None:
        add((node, DCAT.theme, URIRef(record.theme.uri)))
    add((node, DCTERMS.modified, _date(record.modified)))
    publisher = _agent(graph, record.publisher, base_url)
    add((node, OVERHEID.authority, publisher))
    add((node, DCTERMS.publisher, publisher))
    add((node, DCAT.contactPoint, _contact(graph, record)))
    add((node, DCTERMS.accessRights, URIRef(record.access_rights.uri)))
    add((node, ADMS.status, URIRef(record.status.uri)))
    add((node, DCAT.landingPage, URIRef(record.landing_page or record.page(base_url))))
    for gemeente in record.spatial:
        add((node, DCTERMS.spatial, URIRef(gemeente.uri or f"{base_url}/gebieden/{gemeente.code}")))
    if record.temporal is not None and (record.temporal.start or record.temporal.end):
        period = BNode()
        add((period, RDF.type, DCTERMS.PeriodOfTime))
        if record.temporal.start:
            add((period, DCAT.startDate, _date(record.temporal.start)))
        if record.temporal.end:
            add((period, DCAT.endDate, _date(record.temporal.end)))
        add((node, DCTERMS.temporal, period))
    if record.issued is not None:
        add((node, DCTERMS.issued, _date(record.issued)))
    add((node, OWL.versionInfo, RdfLiteral(record.version_id)))
    if record.frequency is not None:
        add((node, DCTERMS.accrualPeriodicity, URIRef(record.frequency.uri)))
    if record.woo_category is not None:
        category = BNode()
        add((category, RDF.type, SKOS.Concept))
        add((category, SKOS.notation, RdfLiteral(record.woo_category.code)))
        add((category, SKOS.prefLabel, RdfLiteral(record.woo_category.nl, lang="nl")))
        add((category, SKOS.prefLabel, RdfLiteral(record.woo_category.en, lang="en")))
        add((node, DCTERMS.type, category))
    for dist in record.distributions:
        add((node, DCAT.distribution, _distribution(graph, record, dist, base_url)))
    return node


def catalog_graph(
    catalog: Catalog, base_url: str, title: str, description: str, publisher: Organisation
) -> Graph:
    """The whole catalog as one graph, rooted in ``<base_url>/catalog``."""
    base_url = base_url.rstrip("/")
    graph = Graph()
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("adms", ADMS),
        ("overheid", OVERHEID),
        ("skos", SKOS),
        ("owl", OWL),
    ):
        graph.bind(prefix, namespace)
    root = URIRef(f"{base_url}/catalog")
    graph.add((root, RDF.type, DCAT.Catalog))
    graph.add((root, DCTERMS.title, RdfLiteral(title, lang="nl")))
    graph.add((root, DCTERMS.description, RdfLiteral(description or title, lang="nl")))
    graph.add((root, DCTERMS.publisher, _agent(graph, publisher, base_url)))
    graph.add((root, DCTERMS.language, URIRef(LANGUAGES["nl"].uri)))
    graph.add((root, FOAF.homepage, URIRef(f"{base_url}/")))
    if catalog.records:
        latest = max(r.modified for r in catalog.records)
        graph.add((root, DCTERMS.modified, _date(latest)))
    for record in catalog.records:
        graph.add((root, DCAT.dataset, add_dataset(graph, record, base_url)))
    return graph


def serialize(graph: Graph, fmt: RdfFormat) -> bytes:
    """``graph`` as Turtle, RDF/XML or JSON-LD (UTF-8)."""
    return graph.serialize(format=fmt, encoding="utf-8")
