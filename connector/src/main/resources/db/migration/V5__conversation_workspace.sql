-- What "My text messages" shows without reading every message: the last message of each conversation.
alter table conversation add column last_direction varchar(8);
alter table conversation add column last_body varchar(20000);

-- Per seller, when they last read a conversation; unread = inbound messages after it.
create table conversation_read (
    conversation_id bigint      not null,
    seller_id       varchar(64) not null,
    read_at         timestamp(6) with time zone not null,
    constraint conversation_read_key primary key (conversation_id, seller_id)
);
