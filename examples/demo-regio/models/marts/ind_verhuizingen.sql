-- Basis voor verhuisindicatoren: een rij per verhuisbeweging en buurt, naar richting (in of uit)
-- en soort (verhuizing binnen gemeente, vestiging, vertrek).
SELECT datum, naar_buurtcode AS buurtcode, 'in' AS richting, soort
FROM raw.brp_verhuizingen
WHERE naar_buurtcode IS NOT NULL
UNION ALL
SELECT datum, van_buurtcode AS buurtcode, 'uit' AS richting, soort
FROM raw.brp_verhuizingen
WHERE van_buurtcode IS NOT NULL
