-- Instroom en uitstroom per buurt in 2024 (verhuizingen, vestigingen en vertrekken uit de BRP).
WITH naar AS (
    SELECT naar_buurtcode AS buurtcode, count(*) AS instroom
    FROM raw.brp_verhuizingen WHERE naar_buurtcode IS NOT NULL GROUP BY ALL
),
van AS (
    SELECT van_buurtcode AS buurtcode, count(*) AS uitstroom
    FROM raw.brp_verhuizingen WHERE van_buurtcode IS NOT NULL GROUP BY ALL
)
SELECT
    b.code AS buurtcode,
    b.name AS buurtnaam,
    coalesce(n.instroom, 0) AS instroom,
    coalesce(v.uitstroom, 0) AS uitstroom,
    coalesce(n.instroom, 0) - coalesce(v.uitstroom, 0) AS saldo
FROM areas.buurten AS b
LEFT JOIN naar AS n ON n.buurtcode = b.code
LEFT JOIN van AS v ON v.buurtcode = b.code
ORDER BY b.code
