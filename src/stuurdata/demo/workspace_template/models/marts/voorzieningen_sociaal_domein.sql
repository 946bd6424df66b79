-- Aantal inwoners per buurt met een lopende voorziening op 2025-01-01: bijstand, Wmo, Jeugdwet.
-- Alleen tellingen: geen pseudoniemen of BSN's in deze tabel.
WITH per_persoon AS (
    SELECT
        p.buurtcode,
        p.persoon_id,
        bool_or(v.regeling = 'bijstand') AS bijstand,
        bool_or(v.regeling = 'wmo') AS wmo,
        bool_or(v.regeling = 'jeugd') AS jeugd
    FROM staging.stg_personen AS p
    JOIN staging.stg_voorzieningen AS v ON v.persoon_id = p.persoon_id
    GROUP BY p.buurtcode, p.persoon_id
),
per_buurt AS (
    SELECT
        buurtcode,
        count(*) FILTER (WHERE bijstand) AS personen_met_bijstand,
        count(*) FILTER (WHERE wmo) AS personen_met_wmo,
        count(*) FILTER (WHERE jeugd) AS jongeren_met_jeugdhulp
    FROM per_persoon
    GROUP BY buurtcode
),
inwoners AS (
    SELECT buurtcode, count(*) AS inwoners FROM staging.stg_personen GROUP BY buurtcode
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    coalesce(i.inwoners, 0) AS inwoners,
    coalesce(s.personen_met_bijstand, 0) AS personen_met_bijstand,
    coalesce(s.personen_met_wmo, 0) AS personen_met_wmo,
    coalesce(s.jongeren_met_jeugdhulp, 0) AS jongeren_met_jeugdhulp
FROM areas.buurten AS b
LEFT JOIN inwoners AS i ON i.buurtcode = b.code
LEFT JOIN per_buurt AS s ON s.buurtcode = b.code
ORDER BY b.code
