-- Message templates: a seller's own, or shared ones an admin maintains (owner_id null).
create table message_template (
    id         varchar(36)   primary key,
    name       varchar(255)  not null,
    body       varchar(1600) not null,
    shared     boolean       not null,
    owner_id   varchar(64),
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null
);

create index message_template_owner on message_template (owner_id);
