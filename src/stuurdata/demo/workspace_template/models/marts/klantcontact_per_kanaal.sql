-- Klantcontacten per gemeente, maand en kanaal, met het aandeel binnen de norm afgehandeld.
SELECT
    gemeentecode,
    CAST(date_trunc('month', datum_tijd) AS DATE) AS maand,
    kanaal,
    count(*) AS contacten,
    count(*) FILTER (WHERE afgehandeld_binnen_norm) AS binnen_norm,
    round(100.0 * count(*) FILTER (WHERE afgehandeld_binnen_norm) / count(*), 1) AS percentage_binnen_norm
FROM raw.klantcontact
GROUP BY ALL
ORDER BY gemeentecode, maand, kanaal
