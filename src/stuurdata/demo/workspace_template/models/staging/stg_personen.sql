-- Ingezetenen met leeftijd op de peildatum (2025-01-01), leeftijdsklasse en buurt/wijk/gemeente.
-- persoon_id is het pseudoniem van het BSN (doel monitor-sociaal-domein), nooit het BSN zelf.
WITH personen AS (
    SELECT
        p.*,
        date_diff('year', p.geboortedatum, DATE '2025-01-01')
            - CASE WHEN strftime(p.geboortedatum, '%m%d') > '0101' THEN 1 ELSE 0 END AS leeftijd
    FROM raw.brp_personen AS p
)
SELECT
    p.bsn AS persoon_id,
    p.geslacht,
    p.geboortedatum,
    p.leeftijd,
    CASE
        WHEN p.leeftijd < 15 THEN '0-14'
        WHEN p.leeftijd < 25 THEN '15-24'
        WHEN p.leeftijd < 45 THEN '25-44'
        WHEN p.leeftijd < 65 THEN '45-64'
        ELSE '65+'
    END AS leeftijdsklasse,
    p.burgerlijke_staat,
    p.nationaliteit,
    p.huishoudnummer,
    p.verblijfsobject_id,
    p.buurtcode,
    b.parent_code AS wijkcode,
    p.gemeentecode
FROM personen AS p
JOIN areas.buurten AS b ON b.code = p.buurtcode
