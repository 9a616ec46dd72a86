-- The platform-wide person link (HMAC of the ID number under PERSON_LINK_KEY, shared with
-- assistance): a placement carries it so assistance recognises the person on a hardship file.
-- Null for people registered before it existed until `training link-people` fills them (or
-- their next registration does).
ALTER TABLE people ADD COLUMN IF NOT EXISTS person_link text;
