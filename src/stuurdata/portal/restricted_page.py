# SPDX-License-Identifier: EUPL-1.2
"""The portal page of a non-public dataset, for a signed-in user the access matrix allows.

The page reads exactly what the API gives that user (:func:`stuurdata.api.published.public_table`:
only readable columns, only rows of the user's gemeenten) and that read is audited there. Anyone
else gets the same 404 as for an unknown name.
"""

from __future__ import annotations

from fastapi import HTTPException, Request

from stuurdata.api.published import PublicTable, connect, public_table
from stuurdata.catalog import lineage, source_quality
from stuurdata.catalog.lineage import completeness_of
from stuurdata.governance.principal import current_principal
from stuurdata.portal.datasetpage import PREVIEW_ROWS, TABULAR_FORMATS, DatasetDetails
from stuurdata.portal.publication import PublicColumn, PublicDataset


def restricted_dataset(request: Request, name: str) -> tuple[PublicDataset, DatasetDetails]:
    """Metadata and details of non-public dataset ``name`` as the caller may read it."""
    if not current_principal(request).authenticated:
        raise HTTPException(status_code=404)
    with connect(request) as (published, con):
        table = public_table(request, published, con, name)
        if not table.restricted:
            raise HTTPException(status_code=404)
        select = table.select
        relation = con.execute(
            f"SELECT {select} FROM {table.source} ORDER BY {table.order} LIMIT {PREVIEW_ROWS}"
        )
        columns = [c.name for c in table.columns]
        preview = relation.fetchall()
        filled = completeness_of(con, table.source, columns)
    graph = lineage(published.manifest, name)
    details = DatasetDetails(
        columns=columns,
        preview=preview,
        downloads=list(TABULAR_FORMATS),
        lineage=graph,
        quality=source_quality(published.manifest, graph) if graph else [],
        completeness=filled,
    )
    return _described(table), details


def _described(table: PublicTable) -> PublicDataset:
    definition = table.definition
    classification = str(definition.classification)
    return PublicDataset(
        name=definition.name,
        title=definition.title,
        description=definition.description,
        model=definition.model,
        classification=classification,
        rows=table.rows,
        columns=tuple(
            PublicColumn(c.name, str(definition.column_classifications.get(c.name, classification)))
            for c in table.columns
        ),
        owner=definition.owner,
        license=definition.license,
        theme=definition.theme,
        keywords=tuple(definition.keywords),
    )
