-- Who entered a contact, and when: a paper register of last year entered this year keeps its
-- own date (contacted_on) beside the moment it was typed in. Contacts entered before this
-- migration name nobody (NULL). A case's steps have their actor and time in its history.
ALTER TABLE contacts ADD COLUMN entered_by text;
ALTER TABLE contacts ADD COLUMN entered_at timestamptz;
ALTER TABLE contacts ALTER COLUMN entered_at SET DEFAULT clock_timestamp();
