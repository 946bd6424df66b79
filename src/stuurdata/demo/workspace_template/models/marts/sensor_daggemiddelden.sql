-- Daggemiddelden per sensor en grootheid (pm25, no2, passanten, snelheid), met RD-locatie.
SELECT
    sensor_id,
    'GM' || substr(sensor_id, 3, 4) AS gemeentecode,
    CAST(tijdstip AS DATE) AS datum,
    grootheid,
    any_value(eenheid) AS eenheid,
    round(avg(waarde), 2) AS gemiddelde,
    min(waarde) AS minimum,
    max(waarde) AS maximum,
    count(waarde) AS metingen,
    any_value(x) AS x,
    any_value(y) AS y
FROM raw.sensoren
GROUP BY sensor_id, CAST(tijdstip AS DATE), grootheid
ORDER BY sensor_id, datum, grootheid
