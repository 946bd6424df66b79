-- Basis voor woningindicatoren: een rij per verblijfsobject (BAG-stand 2025-01-01) met bouwjaar,
-- oppervlakte, eigendom en WOZ-waarde (waardepeildatum uit de WOZ-administratie).
SELECT
    DATE '2025-01-01' AS peildatum,
    v.buurtcode,
    v.is_woning,
    v.bouwjaar,
    v.bouwjaar > 2025 - 10 AS bouwjaar_afgelopen_tien_jaar,
    v.oppervlakte,
    w.eigendom,
    w.vastgestelde_waarde AS woz_waarde,
    coalesce(w.waardepeildatum, DATE '2024-01-01') AS waardepeildatum
FROM staging.stg_verblijfsobjecten AS v
LEFT JOIN raw.woz AS w ON w.verblijfsobject_id = v.verblijfsobject_id
WHERE v.buurtcode IS NOT NULL
