-- Gemiddelde en mediane WOZ-waarde van woningen per buurt (waardepeildatum 2024-01-01).
WITH woz AS (
    SELECT v.buurtcode, w.vastgestelde_waarde, w.waardepeildatum
    FROM raw.woz AS w
    JOIN staging.stg_verblijfsobjecten AS v ON v.verblijfsobject_id = w.verblijfsobject_id
    WHERE w.soort_object = 'woning'
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    max(w.waardepeildatum) AS waardepeildatum,
    count(w.vastgestelde_waarde) AS woz_objecten,
    round(avg(w.vastgestelde_waarde)) AS gemiddelde_woz_waarde,
    round(median(w.vastgestelde_waarde)) AS mediaan_woz_waarde
FROM areas.buurten AS b
LEFT JOIN woz AS w ON w.buurtcode = b.code
GROUP BY b.code, b.name
ORDER BY b.code
