-- Inwoners per buurt naar geslacht en leeftijdsklasse, met huishoudens (peildatum 2025-01-01).
WITH personen AS (
    SELECT
        buurtcode,
        count(*) AS inwoners,
        count(*) FILTER (WHERE geslacht = 'M') AS mannen,
        count(*) FILTER (WHERE geslacht = 'V') AS vrouwen,
        count(*) FILTER (WHERE leeftijdsklasse = '0-14') AS leeftijd_0_14,
        count(*) FILTER (WHERE leeftijdsklasse = '15-24') AS leeftijd_15_24,
        count(*) FILTER (WHERE leeftijdsklasse = '25-44') AS leeftijd_25_44,
        count(*) FILTER (WHERE leeftijdsklasse = '45-64') AS leeftijd_45_64,
        count(*) FILTER (WHERE leeftijdsklasse = '65+') AS leeftijd_65_plus,
        round(avg(leeftijd), 1) AS gemiddelde_leeftijd
    FROM staging.stg_personen
    GROUP BY buurtcode
),
huishoudens AS (
    SELECT buurtcode, count(*) AS huishoudens, round(avg(aantal_personen), 2) AS gemiddelde_huishoudensgrootte
    FROM raw.brp_huishoudens
    GROUP BY buurtcode
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    b.parent_code AS wijkcode,
    coalesce(p.inwoners, 0) AS inwoners,
    coalesce(p.mannen, 0) AS mannen,
    coalesce(p.vrouwen, 0) AS vrouwen,
    coalesce(p.leeftijd_0_14, 0) AS leeftijd_0_14,
    coalesce(p.leeftijd_15_24, 0) AS leeftijd_15_24,
    coalesce(p.leeftijd_25_44, 0) AS leeftijd_25_44,
    coalesce(p.leeftijd_45_64, 0) AS leeftijd_45_64,
    coalesce(p.leeftijd_65_plus, 0) AS leeftijd_65_plus,
    p.gemiddelde_leeftijd,
    coalesce(h.huishoudens, 0) AS huishoudens,
    h.gemiddelde_huishoudensgrootte
FROM areas.buurten AS b
LEFT JOIN personen AS p ON p.buurtcode = b.code
LEFT JOIN huishoudens AS h ON h.buurtcode = b.code
ORDER BY b.code
