-- Woningen en andere verblijfsobjecten per buurt (BAG), met bouwjaar en oppervlakte.
WITH per_buurt AS (
    SELECT
        buurtcode,
        count(*) FILTER (WHERE is_woning) AS woningen,
        count(*) FILTER (WHERE NOT is_woning) AS overige_verblijfsobjecten,
        round(avg(oppervlakte) FILTER (WHERE is_woning), 1) AS gemiddelde_oppervlakte_woning,
        round(median(bouwjaar) FILTER (WHERE is_woning)) AS mediaan_bouwjaar_woning,
        count(*) FILTER (WHERE is_woning AND bouwjaar >= 2000) AS woningen_vanaf_2000
    FROM staging.stg_verblijfsobjecten
    GROUP BY buurtcode
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    b.parent_code AS wijkcode,
    coalesce(v.woningen, 0) AS woningen,
    coalesce(v.overige_verblijfsobjecten, 0) AS overige_verblijfsobjecten,
    v.gemiddelde_oppervlakte_woning,
    v.mediaan_bouwjaar_woning,
    coalesce(v.woningen_vanaf_2000, 0) AS woningen_vanaf_2000
FROM areas.buurten AS b
LEFT JOIN per_buurt AS v ON v.buurtcode = b.code
ORDER BY b.code
