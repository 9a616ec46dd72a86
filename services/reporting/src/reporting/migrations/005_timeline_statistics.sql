-- No query filters, joins or sorts on a timeline row's summary: the planner needs no statistics
-- of it, and gathering them (comparing thousands of sampled JSON documents) was most of the
-- time ANALYZE spent on the reporting schema, as after every rebuild.
ALTER TABLE member_timeline ALTER COLUMN summary SET STATISTICS 0;
