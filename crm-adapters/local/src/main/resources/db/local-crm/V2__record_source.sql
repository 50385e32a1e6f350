-- Where a record came from, as a CRM's lead source field holds it: "SMS" for the leads the connector creates, or
-- what the seed says. Null for records of databases created before, and for seeded records that give none.
-- Portable SQL: runs on H2 (default mode) and PostgreSQL.

alter table local_crm_record add column source varchar(64);
