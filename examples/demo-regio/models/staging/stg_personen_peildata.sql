-- Ingezetenen op elke peildatum (2023, 2024, 2025) in de huidige buurtindeling, met leeftijd
-- op die peildatum. Basis van de tijdreeksen: een buurt die is gesplitst of samengevoegd heeft
-- zo toch een doorlopende reeks.
WITH alle AS (
    SELECT
        DATE '2025-01-01' AS peildatum, persoon_id, geslacht, geboortedatum, burgerlijke_staat,
        huishoudnummer, buurtcode
    FROM staging.stg_personen
    UNION ALL
    SELECT
        peildatum, persoon_id, geslacht, geboortedatum, burgerlijke_staat, huishoudnummer,
        buurtcode
    FROM staging.stg_personen_historie
    WHERE buurtcode IS NOT NULL
)
SELECT
    *,
    date_diff('year', geboortedatum, peildatum)
        - CASE WHEN strftime(geboortedatum, '%m%d') > strftime(peildatum, '%m%d') THEN 1 ELSE 0 END
        AS leeftijd
FROM alle
