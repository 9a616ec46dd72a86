-- Who entered a seat and a placement, and when: a paper form of last year entered this year
-- keeps its own date (enrolled_on, placed_on) beside the day it was typed in. Rows written
-- before this migration name nobody (NULL); an enrolment's entry time is its requested_at.
ALTER TABLE enrolments ADD COLUMN entered_by text;
ALTER TABLE placements ADD COLUMN entered_by text;
ALTER TABLE placements ADD COLUMN entered_at timestamptz;
ALTER TABLE placements ALTER COLUMN entered_at SET DEFAULT clock_timestamp();
