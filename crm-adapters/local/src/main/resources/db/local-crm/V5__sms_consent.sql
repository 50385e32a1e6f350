-- The SMS consent a contact or lead shows, as a CRM's opt-out field would: null until a keyword changed it.
alter table local_crm_record add column sms_opt_out boolean;
alter table local_crm_record add column sms_consent_changed timestamp with time zone;
