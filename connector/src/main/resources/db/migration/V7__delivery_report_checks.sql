-- When a report was last checked against the texts: reports whose text is not known yet take turns with new ones
-- instead of blocking them, and one still unmatched after a day is given up.
alter table delivery_report add column checked_at timestamp(6) with time zone;
alter table delivery_report add column stored_at timestamp(6) with time zone;
create index delivery_report_turn on delivery_report (applied, checked_at, id);
