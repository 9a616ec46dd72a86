-- 申请事由: why the household asks for aid, typed by the officer with the application. Free
-- text may name people or illnesses, so it is stored AES-GCM sealed like the rejection note,
-- shown only to officers and city admins, and never published. Older rows have none.

ALTER TABLE aid_applications ADD COLUMN reason_cipher bytea;
