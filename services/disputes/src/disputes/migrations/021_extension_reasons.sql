-- 延期理由: each extension of the mediation limit with its reason's code and sealed note (说明,
-- base64 ciphertext like the other parts). Extensions agreed before reasons were asked are
-- rebuilt from their history entries with the reason 'unknown' (未记录); the history itself is
-- never rewritten, so every chain still verifies.
ALTER TABLE cases ADD COLUMN extensions jsonb NOT NULL DEFAULT '[]';

UPDATE cases c
   SET extensions = past.items
  FROM (SELECT case_id,
               jsonb_agg(jsonb_build_object(
                   'no', no,
                   'agreed_on', payload ->> 'occurred_on',
                   'due_on', payload ->> 'due_on',
                   'reason', coalesce(payload ->> 'reason', 'unknown'),
                   'note', NULL) ORDER BY seq) AS items
          FROM (SELECT case_id, seq, payload,
                       row_number() OVER (PARTITION BY case_id ORDER BY seq) AS no
                  FROM case_history
                 WHERE action = 'DeadlineExtended') extended
         GROUP BY case_id) past
 WHERE c.id = past.case_id AND c.extensions = '[]';
