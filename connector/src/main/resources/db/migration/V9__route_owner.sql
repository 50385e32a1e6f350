-- The owner routing chose with the record, so that a retried text is still filed under and notified to that owner.
alter table inbox_message add column record_owner_id varchar(64);
