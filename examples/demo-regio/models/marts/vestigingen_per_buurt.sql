-- KvK-vestigingen en werkzame personen per buurt, met het aandeel vestigingen aan huis.
WITH vestigingen AS (
    SELECT v.buurtcode, h.werkzame_personen, h.gebruiksdoel_pand = 'woonfunctie' AS aan_huis
    FROM raw.hr_vestigingen AS h
    JOIN staging.stg_verblijfsobjecten AS v ON v.verblijfsobject_id = h.verblijfsobject_id
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    count(v.buurtcode) AS vestigingen,
    coalesce(sum(v.werkzame_personen), 0) AS werkzame_personen,
    count(*) FILTER (WHERE v.aan_huis) AS vestigingen_aan_huis
FROM areas.buurten AS b
LEFT JOIN vestigingen AS v ON v.buurtcode = b.code
GROUP BY b.code, b.name
ORDER BY b.code
