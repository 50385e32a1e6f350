package dev.textbridge.crm.local;

import dev.textbridge.crm.api.CrmTeam;
import dev.textbridge.crm.api.CrmUser;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The local CRM's users and teams; a team's members are the users whose teams list names it. */
final class Directory {

    private static final int CHUNK = 500;

    void insert(Connection connection, List<CrmUser> users, List<CrmTeam> teams) throws SQLException {
        Database.batch(connection, "insert into local_crm_team (id, name) values (?, ?)",
                teams.stream().map(team -> List.of(team.id(), team.name())).toList());
        Database.batch(connection, "insert into local_crm_user (id, name, sms_privilege) values (?, ?, ?)",
                users.stream().map(user -> List.of(user.id(), user.name(), user.smsPrivilege())).toList());
        List<List<String>> memberships = new ArrayList<>();
        users.forEach(user -> user.teamIds().forEach(team -> memberships.add(List.of(team, user.id()))));
        Database.batch(connection, "insert into local_crm_team_member (team_id, user_id) values (?, ?)", memberships);
    }

    boolean isEmpty(Connection connection) throws SQLException {
        return Database.query(connection, """
                select (select count(*) from local_crm_user) + (select count(*) from local_crm_team) as entries
                """, List.of(), row -> row.getLong("entries")).get(0) == 0;
    }

    Map<String, CrmUser> findUsers(Connection connection, Set<String> ids) throws SQLException {
        record Row(String id, String name, boolean smsPrivilege, String teamId) {
        }
        Map<String, CrmUser> users = new LinkedHashMap<>();
        for (List<String> chunk : Database.chunks(List.copyOf(ids), CHUNK)) {
            List<Row> rows = Database.query(connection, """
                    select u.id, u.name, u.sms_privilege, m.team_id
                    from local_crm_user u left join local_crm_team_member m on m.user_id = u.id
                    where u.id in (%s)
                    """.formatted(Database.placeholders(chunk.size())), chunk,
                    row -> new Row(row.getString("id"), row.getString("name"), row.getBoolean("sms_privilege"),
                            row.getString("team_id")));
            for (Row row : rows) {
                CrmUser known = users.get(row.id());
                Set<String> teams = new HashSet<>(known == null ? Set.of() : known.teamIds());
                if (row.teamId() != null) {
                    teams.add(row.teamId());
                }
                users.put(row.id(), new CrmUser(row.id(), row.name(), teams, row.smsPrivilege()));
            }
        }
        return users;
    }

    Map<String, CrmTeam> findTeams(Connection connection, Set<String> ids) throws SQLException {
        record Row(String id, String name, String userId) {
        }
        Map<String, CrmTeam> teams = new LinkedHashMap<>();
        for (List<String> chunk : Database.chunks(List.copyOf(ids), CHUNK)) {
            List<Row> rows = Database.query(connection, """
                    select t.id, t.name, m.user_id
                    from local_crm_team t left join local_crm_team_member m on m.team_id = t.id
                    where t.id in (%s)
                    """.formatted(Database.placeholders(chunk.size())), chunk,
                    row -> new Row(row.getString("id"), row.getString("name"), row.getString("user_id")));
            for (Row row : rows) {
                CrmTeam known = teams.get(row.id());
                Set<String> members = new HashSet<>(known == null ? Set.of() : known.memberIds());
                if (row.userId() != null) {
                    members.add(row.userId());
                }
                teams.put(row.id(), new CrmTeam(row.id(), row.name(), members));
            }
        }
        return teams;
    }
}
