-- Ingezetenen op eerdere peildata (2023, 2024) met de buurt volgens de HUIDIGE indeling,
-- afgeleid uit het adres (postcode + huisnummer) via de koppeltabel van het grenzenjaar.
-- buurtcode_toen is de buurt zoals destijds geregistreerd (kan inmiddels vervallen zijn).
SELECT
    h.peildatum,
    h.bsn AS persoon_id,
    h.geslacht,
    h.geboortedatum,
    h.burgerlijke_staat,
    h.huishoudnummer,
    h.verblijfsobject_id,
    h.buurtcode AS buurtcode_toen,
    'BU' || k.buurt AS buurtcode
FROM raw.brp_personen_historie AS h
LEFT JOIN raw.adressen_buurten AS k ON k.pc6 = h.postcode AND k.huisnummer = h.huisnummer
