# SPDX-License-Identifier: EUPL-1.2
"""Checks a parsed graph for the mandatory DCAT-AP-DONL 1.1 properties (tests of catalog, api)."""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

OVERHEID = Namespace("http://standaarden.overheid.nl/owms/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DATASET_MANDATORY = (
    DCTERMS.identifier,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.language,
    DCAT.theme,
    DCTERMS.modified,
    OVERHEID.authority,
    DCTERMS.publisher,
    DCAT.contactPoint,
)
DISTRIBUTION_MANDATORY = (
    DCAT.accessURL,
    DCTERMS.license,
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS.language,
    DCTERMS.format,
)


def missing_mandatory(graph: Graph) -> list[str]:
    """``<node> <property>`` for every mandatory property a dataset or distribution lacks."""
    missing = []
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        missing += [f"{dataset} {p}" for p in DATASET_MANDATORY if graph.value(dataset, p) is None]
        contact = graph.value(dataset, DCAT.contactPoint)
        if contact is not None and graph.value(contact, VCARD.fn) is None:
            missing.append(f"{dataset} vcard:fn")
        for dist in graph.objects(dataset, DCAT.distribution):
            missing += [
                f"{dist} {p}" for p in DISTRIBUTION_MANDATORY if graph.value(dist, p) is None
            ]
    return missing


def datasets(graph: Graph) -> set[str]:
    return {str(s) for s in graph.subjects(RDF.type, DCAT.Dataset) if isinstance(s, URIRef)}
