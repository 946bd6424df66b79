-- Lasten en baten per Iv3-taakveld, jaar en gemeente: begroting, realisatie en per inwoner.
WITH inwoners AS (
    SELECT gemeentecode, count(*) AS inwoners FROM staging.stg_personen GROUP BY gemeentecode
)
SELECT
    g.gemeentecode,
    g.gemeentenaam,
    g.jaar,
    g.taakveld,
    g.taakveld_naam,
    sum(g.begroting) FILTER (WHERE g.categorie = 'lasten') AS lasten_begroting,
    sum(g.realisatie) FILTER (WHERE g.categorie = 'lasten') AS lasten_realisatie,
    sum(g.begroting) FILTER (WHERE g.categorie = 'baten') AS baten_begroting,
    sum(g.realisatie) FILTER (WHERE g.categorie = 'baten') AS baten_realisatie,
    round(sum(g.begroting) FILTER (WHERE g.categorie = 'lasten') / any_value(i.inwoners), 2)
        AS lasten_begroting_per_inwoner
FROM raw.begroting AS g
LEFT JOIN inwoners AS i ON i.gemeentecode = g.gemeentecode
GROUP BY g.gemeentecode, g.gemeentenaam, g.jaar, g.taakveld, g.taakveld_naam
ORDER BY g.gemeentecode, g.jaar, g.taakveld
