-- F8: a conversation notifies at most once a minute; a seller without the SMS privilege is told once.
alter table conversation add column last_notified_at timestamp(6) with time zone;

create table privilege_notice (
    user_id varchar(64) primary key,
    sent_at timestamp(6) with time zone not null
);

-- What the admin should know about a message beyond its routing (e.g. a recipient without the SMS privilege).
alter table inbox_message add column notice varchar(1000);
