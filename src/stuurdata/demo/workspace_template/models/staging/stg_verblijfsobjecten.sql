-- Verblijfsobjecten met adres, pand (bouwjaar) en buurt (via de koppeltabel postcode-huisnummer).
SELECT
    v.identificatie AS verblijfsobject_id,
    v.gebruiksdoel,
    v.gebruiksdoel LIKE '%woonfunctie%' AS is_woning,
    v.oppervlakte,
    v.x,
    v.y,
    n.postcode,
    n.huisnummer,
    p.identificatie AS pand_id,
    p.oorspronkelijk_bouwjaar AS bouwjaar,
    'BU' || k.buurt AS buurtcode,
    'WK' || k.wijk AS wijkcode,
    'GM' || k.gemeente AS gemeentecode
FROM raw.bag_verblijfsobjecten AS v
JOIN raw.bag_nummeraanduidingen AS n ON n.identificatie = v.hoofdadres
LEFT JOIN raw.bag_panden AS p ON p.identificatie = split_part(v.pand_ids, ';', 1)
LEFT JOIN raw.adressen_buurten AS k ON k.pc6 = n.postcode AND k.huisnummer = n.huisnummer
