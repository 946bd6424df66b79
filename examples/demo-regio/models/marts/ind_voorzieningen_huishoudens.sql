-- Basis voor stapeling per huishouden: een rij per huishouden met minstens een voorziening op de
-- peildatum, met de wetten waaronder zijn leden samen een voorziening hebben.
SELECT
    peildatum,
    min(buurtcode) AS buurtcode,
    bool_or(bijstand) AS bijstand,
    bool_or(wmo) AS wmo,
    bool_or(jeugd) AS jeugd
FROM marts.ind_voorzieningen_personen
GROUP BY peildatum, huishoudnummer
