-- Basis voor economische indicatoren: een rij per KvK-vestiging met buurt (via postcode en
-- huisnummer), werkzame personen, vestiging aan huis en SBI-sectie zoals CBS die groepeert.
WITH v AS (
    SELECT
        h.*,
        CAST(substr(h.sbi_code, 1, 2) AS INTEGER) AS sbi2,
        'BU' || k.buurt AS buurtcode
    FROM raw.hr_vestigingen AS h
    JOIN raw.adressen_buurten AS k ON k.pc6 = h.postcode AND k.huisnummer = h.huisnummer
)
SELECT
    DATE '2025-01-01' AS peildatum,
    buurtcode,
    werkzame_personen,
    gebruiksdoel_pand = 'woonfunctie' AS aan_huis,
    CASE
        WHEN sbi2 <= 3 THEN 'A'
        WHEN sbi2 <= 43 THEN 'B-F'
        WHEN sbi2 IN (45, 46, 47, 55, 56) THEN 'G+I'
        WHEN sbi2 BETWEEN 49 AND 53 OR sbi2 BETWEEN 58 AND 63 THEN 'H+J'
        WHEN sbi2 BETWEEN 64 AND 68 THEN 'K-L'
        WHEN sbi2 BETWEEN 69 AND 82 THEN 'M-N'
        WHEN sbi2 BETWEEN 84 AND 88 THEN 'O-Q'
        ELSE 'R-U'
    END AS sbi_sectie
FROM v
