-- The platform-wide person link (HMAC of the ID number under PERSON_LINK_KEY, shared with
-- training) of everyone on a file with an ID number, so a placement event finds the files a
-- person is on, as head or family member. Kept on the file row (head) and the relatives' rows
-- (whence the aggregate is rebuilt), and on household_people, which the placement rule
-- searches. Null for people sealed before links existed until `assistance link-people` fills
-- them (an edit that re-enters the head or the family links them too).
ALTER TABLE households ADD COLUMN IF NOT EXISTS head_person_link text;
ALTER TABLE household_relatives ADD COLUMN IF NOT EXISTS person_link text;
ALTER TABLE household_people ADD COLUMN IF NOT EXISTS person_link text;
CREATE INDEX IF NOT EXISTS household_people_link ON household_people (person_link)
    WHERE open AND person_link IS NOT NULL;
