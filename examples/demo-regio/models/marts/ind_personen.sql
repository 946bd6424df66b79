-- Basis voor bevolkingsindicatoren: een rij per inwoner per peildatum (huidige buurtindeling),
-- zonder pseudoniem. Alleen kenmerken die indicatoren tellen.
SELECT peildatum, buurtcode, geslacht, leeftijd, burgerlijke_staat
FROM staging.stg_personen_peildata
