package dev.textbridge.connector.template;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Templates in the connector's store. */
public class TemplateStore {

    private final JdbcClient jdbc;

    public TemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The shared templates and the seller's own, by name. */
    public List<Template> visibleTo(String sellerId) {
        return jdbc.sql("select * from message_template where shared = true or owner_id = ? order by name, id")
                .param(sellerId).query(this::template).list();
    }

    public List<Template> shared() {
        return jdbc.sql("select * from message_template where shared = true order by name, id").query(this::template).list();
    }

    public Optional<Template> find(String id) {
        return jdbc.sql("select * from message_template where id = ?").param(id).query(this::template).optional();
    }

    public Template create(String name, String body, boolean shared, String ownerId, Instant now) {
        Template template = new Template(UUID.randomUUID().toString(), name, body, shared, shared ? null : ownerId);
        jdbc.sql("""
                        insert into message_template (id, name, body, shared, owner_id, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(template.id(), name, body, shared, template.ownerId(), now.atOffset(ZoneOffset.UTC),
                        now.atOffset(ZoneOffset.UTC))
                .update();
        return template;
    }

    public Template update(String id, String name, String body, Instant now) {
        jdbc.sql("update message_template set name = ?, body = ?, updated_at = ? where id = ?")
                .params(name, body, now.atOffset(ZoneOffset.UTC), id).update();
        return find(id).orElseThrow();
    }

    public void delete(String id) {
        jdbc.sql("delete from message_template where id = ?").param(id).update();
    }

    private Template template(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getString("id"), rs.getString("name"), rs.getString("body"), rs.getBoolean("shared"),
                rs.getString("owner_id"));
    }
}
