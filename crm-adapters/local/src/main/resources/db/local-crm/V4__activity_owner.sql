-- The user an activity is assigned to, as a CRM's task owner; null when the connector left it to the CRM.
alter table local_crm_activity add column owner_id varchar(64);
