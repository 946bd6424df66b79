-- Basis voor sensorindicatoren: som en aantal geldige uurwaarden per gemeente, dag en grootheid,
-- zodat een jaargemiddelde exact optelt (som gedeeld door aantal, nooit gemiddelde van gemiddelden).
SELECT
    'GM' || substr(sensor_id, 3, 4) AS gemeentecode,
    CAST(tijdstip AS DATE) AS datum,
    grootheid,
    sum(waarde) AS som,
    count(waarde) AS metingen
FROM raw.sensoren
GROUP BY 'GM' || substr(sensor_id, 3, 4), CAST(tijdstip AS DATE), grootheid
