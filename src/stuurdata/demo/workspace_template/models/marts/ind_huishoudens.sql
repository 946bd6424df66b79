-- Basis voor huishoudensindicatoren: een rij per huishouden per peildatum, met het aantal
-- leden op die peildatum en het huishoudtype uit de huidige registratie.
SELECT
    p.peildatum,
    min(p.buurtcode) AS buurtcode,
    count(*) AS aantal_personen,
    coalesce(any_value(h.huishoudtype), 'overig huishouden') AS huishoudtype
FROM staging.stg_personen_peildata AS p
LEFT JOIN raw.brp_huishoudens AS h ON h.huishoudnummer = p.huishoudnummer
GROUP BY p.peildatum, p.huishoudnummer
