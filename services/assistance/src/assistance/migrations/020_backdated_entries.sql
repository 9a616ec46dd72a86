-- History entered as history: a visit, an approval or a payment may be dated in a past year,
-- so each row also keeps when it was entered (the token subject who entered it is already
-- there: recorded_by, submitted_by, approved_by, paid_by). A visit's and an application's
-- entry time is the row's created_at; an approval and a payment are entered later than the
-- row was made, so they get their own column. Rows approved or paid before this migration
-- keep NULL: when they were entered was not recorded.

ALTER TABLE aid_applications ADD COLUMN approved_entered_at timestamptz;
ALTER TABLE aid_payments ADD COLUMN paid_entered_at timestamptz;
