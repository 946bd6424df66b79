-- Basis voor de monitor sociaal domein: een rij per inwoner met minstens een lopende voorziening
-- op de peildatum (Participatiewet, Wmo, Jeugdwet), zonder pseudoniem. Stapeling: meer dan een wet.
WITH voorzieningen AS (
    SELECT bsn AS persoon_id, 'bijstand' AS wet, startdatum, einddatum FROM raw.bijstand
    UNION ALL
    SELECT bsn, 'wmo', startdatum, einddatum FROM raw.wmo
    UNION ALL
    SELECT bsn, 'jeugd', startdatum, einddatum FROM raw.jeugd
)
SELECT
    p.peildatum,
    p.buurtcode,
    p.huishoudnummer,
    any_value(p.leeftijd) AS leeftijd,
    bool_or(v.wet = 'bijstand') AS bijstand,
    bool_or(v.wet = 'wmo') AS wmo,
    bool_or(v.wet = 'jeugd') AS jeugd
FROM staging.stg_personen_peildata AS p
JOIN voorzieningen AS v
  ON v.persoon_id = p.persoon_id
 AND v.startdatum <= p.peildatum
 AND (v.einddatum IS NULL OR v.einddatum >= p.peildatum)
GROUP BY p.peildatum, p.persoon_id, p.buurtcode, p.huishoudnummer
