-- Texts sellers send. The row is written before the provider is called (the intent, keyed by the seller's
-- idempotency key), so a retried request after a crash reconciles instead of sending twice.
create table outbound_message (
    id                  varchar(36)   primary key,
    seller_id           varchar(64)   not null,
    idempotency_key     varchar(255),
    record_type         varchar(16)   not null,
    record_id           varchar(64)   not null,
    record_name         varchar(255),
    from_number         varchar(32)   not null,
    to_number           varchar(64)   not null,
    body                varchar(20000) not null,
    segments            integer       not null,
    encoding            varchar(8)    not null,
    provider            varchar(32)   not null,
    provider_message_id varchar(64),
    status              varchar(16)   not null,
    failure_reason      varchar(32),
    provider_error_code varchar(16),
    activity_id         varchar(64),
    activity_status     varchar(16),
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    constraint outbound_message_idempotency unique (seller_id, idempotency_key),
    constraint outbound_message_provider_key unique (provider, provider_message_id)
);

create index outbound_message_activity_sync on outbound_message (activity_status, status);

alter table delivery_report add column applied boolean default false not null;
create index delivery_report_pending on delivery_report (applied, provider, provider_message_id);

-- Consent per customer and business number, from opt-out and opt-in keywords.
create table consent (
    customer_number varchar(32) not null,
    business_number varchar(32) not null,
    opted_out       boolean     not null,
    keyword         varchar(16) not null,
    provider        varchar(32) not null,
    provider_message_id varchar(64) not null,
    changed_at      timestamp(6) with time zone not null,
    constraint consent_key primary key (customer_number, business_number)
);
