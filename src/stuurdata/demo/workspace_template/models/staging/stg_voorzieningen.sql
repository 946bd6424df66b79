-- Lopende voorzieningen op de peildatum (2025-01-01) per persoon: bijstand, Wmo en Jeugdwet.
-- Koppeling op pseudoniem (zelfde doel, dus zelfde sleutel als de BRP-personen).
SELECT persoon_id, regeling, productcategorie, startdatum, einddatum
FROM (
    SELECT bsn AS persoon_id, 'bijstand' AS regeling, regeling AS productcategorie, startdatum, einddatum
    FROM raw.bijstand
    UNION ALL
    SELECT bsn, 'wmo', productcategorie, startdatum, einddatum FROM raw.wmo
    UNION ALL
    SELECT bsn, 'jeugd', productcategorie, startdatum, einddatum FROM raw.jeugd
) AS v
WHERE startdatum <= DATE '2025-01-01'
  AND (einddatum IS NULL OR einddatum >= DATE '2025-01-01')
