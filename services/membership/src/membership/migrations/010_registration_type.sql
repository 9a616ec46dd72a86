-- 登记注册类型 (the national statistical classification) replaces the coarse ownership code,
-- which could not tell 国内联营 from 中外合资: rows registered as joint_venture become
-- joint_venture_unspecified, to be corrected, never guessed.
ALTER TABLE employers ADD COLUMN registration_type text;
UPDATE employers SET registration_type = CASE ownership
    WHEN 'state' THEN '110'
    WHEN 'collective' THEN '120'
    WHEN 'private' THEN '170'
    WHEN 'foreign' THEN '330'
    WHEN 'hk_macao_taiwan' THEN '290'
    WHEN 'public_institution' THEN 'public_institution'
    WHEN 'social_organisation' THEN 'social_group'
    WHEN 'individual_business' THEN 'individual_business'
    ELSE 'joint_venture_unspecified' END;
ALTER TABLE employers ALTER COLUMN registration_type SET NOT NULL;
ALTER TABLE employers DROP COLUMN ownership;
CREATE INDEX employers_registration_type ON employers (registration_type);

-- An employer may be entered as of a past day (a past year's report); who entered it and
-- when is kept beside the day it counts from. Rows entered before are dated by their row.
ALTER TABLE employers ADD COLUMN entered_by text;
ALTER TABLE employers ADD COLUMN entered_at timestamptz;
UPDATE employers SET entered_at = created_at;
ALTER TABLE employers ALTER COLUMN entered_at SET DEFAULT now();
ALTER TABLE employers ALTER COLUMN entered_at SET NOT NULL;

-- A census may leave women and migrant workers unknown (null), which is not zero.
ALTER TABLE employers ALTER COLUMN women DROP NOT NULL;
ALTER TABLE employers ALTER COLUMN migrant_workers DROP NOT NULL;
